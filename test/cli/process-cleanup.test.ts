import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcess } from '../helpers/processes.ts';

/**
 * Process tests cannot hang the suite: the fixtures under test/fixtures/processes are run through
 * scripts/run-tests.mjs, the suite's own runner, and each must end on its own, report its failure,
 * and leave none of the processes it started running.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed orphan is a zombie until init reaps it: it runs nothing any more.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** SIGKILL is delivered asynchronously: allow the kernel a moment before calling a process alive. */
async function aliveAfterAMoment(pid: number): Promise<boolean> {
  for (let i = 0; i < 20 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return alive(pid);
}

async function runFixture(
  t: import('node:test').TestContext,
  file: string | string[],
  env: Record<string, string> = {},
) {
  const started = Date.now();
  // Without NODE_TEST_CONTEXT the nested runner runs its files instead of deferring to this one.
  const { NODE_TEST_CONTEXT: _, ...outer } = process.env;
  const run = startProcess(t, process.execPath, ['scripts/run-tests.mjs', ...[file].flat()], {
    env: { ...outer, ...env },
    name: `run-tests ${file}`,
  });
  const code = await run.exited;
  const pids = [...run.output().matchAll(/child pid (\d+)/g)].map((m) => Number(m[1]));
  return { code, output: run.output(), pids, seconds: (Date.now() - started) / 1000 };
}

test('a process test that fails its start-up deadline stops its weft child, and the file goes on', {
  timeout: 120_000,
}, async (t) => {
  const result = await runFixture(t, 'test/fixtures/processes/impossible-deadline.fixture.ts');
  assert.equal(result.code, 1, result.output);
  assert.match(result.output, /did not answer 200 within 1 ms/);
  assert.match(result.output, /next test ran/, 'the test after the failed one still ran');
  assert.match(result.output, /ℹ fail 1/);
  assert.equal(result.pids.length, 1, result.output);
  assert.equal(await aliveAfterAMoment(result.pids[0]), false, `weft start (pid ${result.pids[0]}) is still running`);
});

test('a test file that hangs is stopped at its file timeout, named, and its child killed', {
  timeout: 120_000,
}, async (t) => {
  const result = await runFixture(t, 'test/fixtures/processes/hangs.fixture.ts', {
    WEFT_TEST_FILE_TIMEOUT_SECONDS: '5',
  });
  assert.equal(result.code, 1, result.output);
  assert.match(
    result.output,
    /test\/fixtures\/processes\/hangs\.fixture\.ts did not finish within 5 s \(WEFT_TEST_FILE_TIMEOUT_SECONDS\): stopped it; killed its child processes \d+/,
  );
  assert.ok(result.seconds < 60, `the run took ${result.seconds} s`);
  assert.equal(result.pids.length, 1, result.output);
  assert.equal(
    await aliveAfterAMoment(result.pids[0]),
    false,
    `the fixture's child (pid ${result.pids[0]}) is still running`,
  );
});

test('the file timeout applies to each file, not to the run: three files of 2.5 s each pass under a 4 s timeout', {
  timeout: 120_000,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-timeout-'));
  const files = ['a', 'b', 'c'].map((name) => {
    const file = join(dir, `${name}.test.mjs`);
    writeFileSync(
      file,
      "import { test } from 'node:test';\ntest('takes 2.5 s', () => new Promise((r) => setTimeout(r, 2500)));\n",
    );
    return file;
  });
  const result = await runFixture(t, files, { WEFT_TEST_FILE_TIMEOUT_SECONDS: '4' });
  assert.equal(result.code, 0, result.output);
  assert.match(result.output, /ℹ pass 3/);
  assert.ok(result.seconds > 4, `the run took ${result.seconds} s, so it outlived one file's timeout`);
});
