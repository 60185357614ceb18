#!/usr/bin/env node
// Builds the operator console (web/) into web/dist with vite: type-checks it first, so a broken
// screen stops the build. `--if-missing` builds only when web/dist/index.html is not there yet.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function buildWeb({ ifMissing = false } = {}) {
  if (ifMissing && existsSync(join(root, 'web/dist/index.html'))) return;
  for (const [bin, args] of [
    ['tsc', ['-p', 'web/tsconfig.json']],
    ['vite', ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']],
  ]) {
    const result = spawnSync(join(root, 'node_modules/.bin', bin), args, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`Building the console failed (${bin} ${args.join(' ')}).`);
      process.exit(result.status ?? 1);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildWeb({ ifMissing: process.argv.includes('--if-missing') });
