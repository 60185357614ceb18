#!/usr/bin/env node
// Builds the operator console (web/) into web/dist with vite: type-checks it first, so a broken
// screen stops the build, then writes a brotli (.br) and a gzip (.gz) copy next to each text file,
// which the server sends to browsers that accept them (src/http/console.ts, preCompressed).
// `--if-missing` builds only when web/dist/index.html is not there yet.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web/dist');
const tools = [
  ['tsc', ['-p', 'web/tsconfig.json']],
  ['vite', ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']],
];

export const consoleBuilt = () => existsSync(join(dist, 'index.html'));

/**
 * Why this checkout cannot build the console (a production install has no vite or TypeScript, and a
 * package may ship without web/), or null when it can.
 */
export function whyWebCannotBuild() {
  if (!existsSync(join(root, 'web/index.html'))) return 'the console sources (web/) are not here';
  const missing = tools.map(([bin]) => bin).filter((bin) => !existsSync(join(root, 'node_modules/.bin', bin)));
  return missing.length > 0
    ? `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed (npm ci installs the dev dependencies)`
    : null;
}

/**
 * Builds web/dist (`ifMissing`: only when it is not built yet). Answers null when built, or what
 * failed; the tools' own output goes to `stdio` (the terminal by default).
 */
export function buildWeb({ ifMissing = false, stdio = 'inherit' } = {}) {
  if (ifMissing && consoleBuilt()) return null;
  for (const [bin, args] of tools) {
    const result = spawnSync(join(root, 'node_modules/.bin', bin), args, { cwd: root, stdio });
    if (result.status !== 0) return `Building the console failed (${bin} ${args.join(' ')}).`;
  }
  compressDist();
  return null;
}

/** Text files worth compressing; fonts and images are compressed already. */
const compressible = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;

/** Writes name.br (brotli, quality 11) and name.gz (gzip, level 9) beside each text file that shrinks. */
export function compressDist(folder = dist) {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) {
      compressDist(path);
      continue;
    }
    if (!compressible.test(entry)) continue;
    const bytes = readFileSync(path);
    const variants = [
      [
        '.br',
        brotliCompressSync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
      ],
      ['.gz', gzipSync(bytes, { level: 9 })],
    ];
    // A copy no smaller than the file is not written: the server then sends the file itself.
    for (const [suffix, packed] of variants) if (packed.length < bytes.length) writeFileSync(path + suffix, packed);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failed = buildWeb({ ifMissing: process.argv.includes('--if-missing') });
  if (failed) {
    console.error(failed);
    process.exit(1);
  }
}
