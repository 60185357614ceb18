import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consoleDist } from '../../src/http/console.ts';
import { bundleBudgetBytes, initialBundle } from '../../scripts/console-bundle-size.ts';
import { ensureConsoleBuilt } from '../helpers/console.ts';

test("the console's initial JavaScript stays under 300 KB gzipped", (t) => {
  ensureConsoleBuilt();
  const { files, gzipBytes } = initialBundle(consoleDist);
  assert.ok(files.length > 0, 'index.html loads a script');
  t.diagnostic(`initial JavaScript: ${(gzipBytes / 1024).toFixed(1)} KB gzipped in ${files.length} file(s)`);
  assert.ok(gzipBytes < bundleBudgetBytes, `${gzipBytes} bytes gzipped is over the budget`);
});
