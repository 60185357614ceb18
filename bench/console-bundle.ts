// Prints the console's initial JavaScript size (gzipped) against its 300 KB budget; builds it if needed.
import { spawnSync } from 'node:child_process';
import { consoleDist } from '../src/http/console.ts';
import { bundleBudgetBytes, initialBundle } from '../scripts/console-bundle-size.ts';

spawnSync(process.execPath, ['scripts/web-build.mjs', '--if-missing'], { stdio: 'inherit' });
const { files, gzipBytes } = initialBundle(consoleDist);
for (const f of files)
  console.log(`${f.file}  ${(f.bytes / 1024).toFixed(1)} KB, ${(f.gzipBytes / 1024).toFixed(1)} KB gzipped`);
console.log(`initial JavaScript: ${(gzipBytes / 1024).toFixed(1)} KB gzipped (budget ${bundleBudgetBytes / 1024} KB)`);
if (gzipBytes > bundleBudgetBytes) process.exitCode = 1;
