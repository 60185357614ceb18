import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What a browser downloads before the console's first screen: the scripts index.html loads (entry and
 * module preloads), gzipped as the wire would carry them. Lazy chunks are not counted.
 */
export function initialBundle(dist: string): {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
} {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [
    ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g),
  ].map((m) => m[1]);
  const files = [...new Set(scripts)].map((src) => {
    const bytes = readFileSync(join(dist, src.replace(/^\//, '')));
    return { file: src, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

/** The budget for the initial JavaScript, gzipped. */
export const bundleBudgetBytes = 300 * 1024;
