import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PDF tool that hangs is killed rather than blocking this test file's process (and its watchdog). */
const bounded = { timeout: 120_000, killSignal: 'SIGKILL' as const };

/** Reading documents as a person would: poppler's pdftotext and pdftoppm, then zbarimg. */
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
export const NO_PDFTOTEXT = has('pdftotext') ? false : 'pdftotext missing (apt-get install poppler-utils)';
export const NO_ZBAR =
  has('zbarimg') && has('pdftoppm') ? false : 'zbarimg/pdftoppm missing (apt-get install zbar-tools poppler-utils)';

function withFile<T>(pdf: Buffer, work: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'weft-doc-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return work(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in layout mode; pages are split on the form feed pdftotext writes. */
export function pdfPages(pdf: Buffer): string[] {
  const all = withFile(pdf, (_, file) =>
    execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20, ...bounded }),
  );
  return all.split('\f').filter((page, i, pages) => i < pages.length - 1 || page.trim() !== '');
}

export const pdfText = (pdf: Buffer) => pdfPages(pdf).join('\n');

/** Text with runs of spaces collapsed, for phrases that layout mode may space out. */
export const squash = (value: string) => value.replace(/[ \t]+/g, ' ');

/** Every Code 128 and QR symbol zbarimg decodes, per page, from a 200 dpi rendering. */
export function barcodesByPage(pdf: Buffer): string[][] {
  return withFile(pdf, (dir, file) => {
    execFileSync('pdftoppm', ['-r', '200', '-png', file, join(dir, 'page')], bounded);
    const pages = readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort();
    return pages.map((page) => {
      const out = spawnSync(
        'zbarimg',
        ['-q', '--raw', '-Sdisable', '-Scode128.enable', '-Sqrcode.enable', join(dir, page)],
        { encoding: 'utf8', maxBuffer: 16 << 20, ...bounded },
      );
      return out.stdout
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    });
  });
}

export const barcodes = (pdf: Buffer) => barcodesByPage(pdf).flat();
