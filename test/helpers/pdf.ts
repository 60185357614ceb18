import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PDF tool that hangs is killed rather than blocking this test file's process (and its watchdog). */
const bounded = { timeout: 120_000, killSignal: 'SIGKILL' as const };

/**
 * Reading a PDF as a person would: its text through pdftotext, and every barcode on its pages through
 * pdftoppm + zbarimg (Debian's poppler-utils and zbar-tools, installed by .ci/run).
 */
export const havePdfTools = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore', ...bounded });
    execFileSync('zbarimg', ['--version'], { stdio: 'ignore', ...bounded });
    return true;
  } catch {
    return false;
  }
})();

export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'weft-pdf-'));
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8', ...bounded });
}

export function pdfBarcodes(pdf: Buffer, dpi = 200): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'weft-pdf-'));
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'doc.pdf'), join(dir, 'page')], bounded);
  const found: string[] = [];
  for (const page of readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()) {
    let out = '';
    try {
      out = execFileSync('zbarimg', ['--quiet', '--raw', join(dir, page)], {
        encoding: 'utf8',
        maxBuffer: 16 << 20,
        stdio: ['ignore', 'pipe', 'ignore'],
        ...bounded,
      });
    } catch (error) {
      out = String((error as { stdout?: string }).stdout ?? '');
    }
    found.push(...out.split('\n').filter(Boolean));
  }
  return found;
}
