// pdfkit and bwip-js helpers shared by the documents: a document-to-Buffer wrapper,
// Code 128 barcodes and IST dates for paper.
import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';

export type Doc = PDFKit.PDFDocument;

export async function renderPdf(
  options: PDFKit.PDFDocumentOptions,
  draw: (doc: Doc) => Promise<void> | void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    ...options,
    autoFirstPage: options.autoFirstPage ?? true,
    info: { Producer: 'Weft AJIO sandbox', ...(options.info ?? {}) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  await draw(doc);
  doc.end();
  return done;
}

const barcodeCache = new Map<string, Buffer>();

/** Code 128 PNG (no human-readable text: the documents print the value themselves). */
export async function code128(text: string, height = 12): Promise<Buffer> {
  const key = `${height}:${text}`;
  const cached = barcodeCache.get(key);
  if (cached) return cached;
  const png = await bwipjs.toBuffer({
    bcid: 'code128',
    text,
    scale: 3,
    height,
    includetext: false,
    paddingwidth: 10,
    paddingheight: 4,
    backgroundcolor: 'FFFFFF',
  });
  if (barcodeCache.size > 2000) barcodeCache.clear();
  barcodeCache.set(key, png);
  return png;
}

/** "2025-01-31 14:05 IST": documents show business time (Asia/Kolkata, UTC+5:30). */
export function istDate(epochSeconds: number): string {
  return `${new Date((epochSeconds + 19_800) * 1000).toISOString().slice(0, 16).replace('T', ' ')} IST`;
}

export const inr = (paise: number) => `Rs. ${(paise / 100).toFixed(2)}`;
