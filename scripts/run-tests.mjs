#!/usr/bin/env node
// Runs every test/**/*.test.ts file with node's own test runner through tsx.
// Node 20's `--test` cannot expand globs itself, so the files are listed here.
//
// No file can hang the run: each test file's process loads test/helpers/file-watchdog.ts, which stops
// it after WEFT_TEST_FILE_TIMEOUT_SECONDS (default 600) with a line naming the file and kills the
// processes its tests started; node's own --test-timeout (a little longer) is the backstop, and
// --test-force-exit ends a file whose tests are done but which still holds a handle. The output stays
// the spec reporter's, closing with its summary lines.
//
//   node scripts/run-tests.mjs [part-of-path …]   # files whose path contains a part; an existing file path runs as given
//
// With WEFT_TEST_FAILED_FILES=<path>, the files that had a failing test are written there, one a line
// (a TAP copy of the run is read for the failures' locations), so CI can run just those again.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const fileTimeoutSeconds = Number(process.env.WEFT_TEST_FILE_TIMEOUT_SECONDS || 600);
if (!Number.isFinite(fileTimeoutSeconds) || fileTimeoutSeconds <= 0) {
  console.error(
    `WEFT_TEST_FILE_TIMEOUT_SECONDS must be a number of seconds above 0 (got "${process.env.WEFT_TEST_FILE_TIMEOUT_SECONDS}").`,
  );
  process.exit(1);
}

const filters = process.argv.slice(2);
const explicit = filters.filter((f) => existsSync(f) && statSync(f).isFile());
const parts = filters.filter((f) => !explicit.includes(f));
const found =
  parts.length === 0 && explicit.length > 0
    ? []
    : findTests('test').filter((f) => parts.length === 0 || parts.some((part) => f.includes(part)));
const files = [...new Set([...found, ...explicit])].sort();
if (files.length === 0) {
  console.error(`No test files match ${filters.join(' ') || 'test/**/*.test.ts'}.`);
  process.exit(1);
}
const failedFilesOut = process.env.WEFT_TEST_FAILED_FILES;
const tapCopy = failedFilesOut ? join(tmpdir(), `weft-tests-${process.pid}.tap`) : null;
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--import',
    './test/helpers/file-watchdog.ts',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    ...(tapCopy ? ['--test-reporter=tap', `--test-reporter-destination=${tapCopy}`] : []),
    '--test-concurrency=2',
    '--test-force-exit',
    `--test-timeout=${(fileTimeoutSeconds + 30) * 1000}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, WEFT_TEST_FILE_TIMEOUT_SECONDS: String(fileTimeoutSeconds) } },
);
if (failedFilesOut && tapCopy) writeFileSync(failedFilesOut, failedFiles(tapCopy).join('\n'));
process.exit(result.status ?? 1);

/** The test files named in the `location:` of every failure in a TAP copy of the run. */
function failedFiles(tap) {
  if (!existsSync(tap)) return [];
  const failed = new Set();
  let inFailure = false;
  for (const line of readFileSync(tap, 'utf8').split('\n')) {
    if (/^\s*not ok \d+/.test(line)) inFailure = true;
    else if (/^\s*ok \d+/.test(line)) inFailure = false;
    const at = inFailure && line.match(/^\s*location: '(.+?\.test\.ts):\d+:\d+'/);
    if (at) failed.add(at[1]);
  }
  rmSync(tap, { force: true });
  return [...failed].sort();
}
