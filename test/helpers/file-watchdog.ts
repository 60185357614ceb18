import { relative } from 'node:path';
import { killAllChildren } from './processes.ts';

/**
 * Loaded into every test file's process by scripts/run-tests.mjs (`--import`): a file that has not
 * finished within WEFT_TEST_FILE_TIMEOUT_SECONDS is stopped with one line naming it, and the
 * processes its tests started are killed with it. The runner then reports the file as failed and goes
 * on with the others, on every Node version (Node 20's --test-timeout is per file, later ones' per test).
 */
const seconds = Number(process.env.WEFT_TEST_FILE_TIMEOUT_SECONDS ?? 0);
// The runner's own process loads this too: only a test file's process (NODE_TEST_CONTEXT=child…) is timed.
const isTestFileProcess = process.env.NODE_TEST_CONTEXT?.startsWith('child') ?? false;
const file = process.argv[1] ? relative(process.cwd(), process.argv[1]) : 'this test file';

if (seconds > 0 && isTestFileProcess) {
  setTimeout(() => {
    const killed = killAllChildren();
    const children = killed.length ? `; killed its child processes ${killed.join(', ')}` : '';
    process.stderr.write(
      `\n✖ ${file} did not finish within ${seconds} s (WEFT_TEST_FILE_TIMEOUT_SECONDS): stopped it${children}.\n`,
    );
    process.exit(1);
  }, seconds * 1000).unref();
}
