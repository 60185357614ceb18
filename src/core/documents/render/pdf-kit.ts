import bwipjs from 'bwip-js';
import QRCode from 'qrcode';
import PDFDocument from 'pdfkit';
import { toDdMmYyyy, toIstDateTime } from '../../../tax/index.ts';

/**
 * Drawing helpers shared by Weft's document renderers (pdfkit + bwip-js).
 *
 * Barcodes are drawn as vector rectangles from bwip-js's encoder output (`bwipjs.raw`) rather than
 * embedded as PNGs from `toBuffer`: the encoding is the same, but vectors stay sharp on any printer
 * and skip the PNG rasterise/compress step, which was most of the rendering time (≈5 ms per Code 128
 * PNG against ≈0.15 ms to encode), and the bench has a throughput target.
 */
export type Doc = PDFKit.PDFDocument;

export const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 } as const;
export const LABEL_100x150 = { width: 100 * MM, height: 150 * MM } as const;

export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';

export interface RenderOptions {
  size: readonly [number, number];
  margin: number;
  /** Fixed so the same data renders the same bytes (pdfkit hashes it into the file ID). */
  creationDate: Date;
  title: string;
  /** Write page headers/footers after the body, when the page count is known. */
  bufferPages?: boolean;
}

/** Runs `draw` on a new document and resolves with the whole PDF. */
export async function renderPdf(options: RenderOptions, draw: (doc: Doc) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [options.size[0], options.size[1]],
    margin: options.margin,
    bufferPages: options.bufferPages ?? false,
    info: {
      Title: options.title,
      Producer: 'Weft',
      Creator: 'Weft',
      CreationDate: options.creationDate,
      ModDate: options.creationDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(FONT);
  draw(doc);
  doc.end();
  return done;
}

/** A fixed instant for `creationDate` from a business date (`YYYY-MM-DD`, midnight IST) or an instant. */
export function fixedDate(value: string | Date): Date {
  if (value instanceof Date) return new Date(Math.floor(value.getTime() / 1000) * 1000);
  return new Date(`${value}T00:00:00+05:30`);
}

// ---- text and numbers --------------------------------------------------------------------------

/** Indian digit grouping of a whole number: 1234567 → "12,34,567". */
export function indianGroup(whole: number): string {
  const digits = String(Math.abs(Math.trunc(whole)));
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  const rest = digits.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${rest},${last3}`;
}

/** Integer paise as rupees with Indian grouping: 12345650 → "1,23,456.50"; negatives keep the sign. */
export function rupees(paise: number): string {
  const sign = paise < 0 ? '-' : '';
  const abs = Math.abs(paise);
  return `${sign}${indianGroup(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** "INR 1,23,456.50": Helvetica has no ₹ glyph. */
export const inr = (paise: number) => `INR ${rupees(paise)}`;

/** A business date `YYYY-MM-DD` as printed: "23/09/2025". */
export const paperDate = (value: string | Date) => toDdMmYyyy(value);

/** An instant as printed, in IST: "23/09/2025 14:05 IST". */
export function paperDateTime(instant: Date): string {
  const ist = toIstDateTime(instant);
  return `${ist.slice(8, 10)}/${ist.slice(5, 7)}/${ist.slice(0, 4)} ${ist.slice(11, 16)} IST`;
}

/** Grams as kilograms with three decimals: 1250 → "1.250 kg". */
export const kilograms = (grams: number) => `${(grams / 1000).toFixed(3)} kg`;

/** Percent without trailing zeros: 2.5 → "2.5%", 18 → "18%". */
export const percent = (rate: number) => `${Number(rate.toFixed(2))}%`;

export interface TextOptions {
  size?: number;
  bold?: boolean;
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** One line only: cut with an ellipsis instead of wrapping. */
  ellipsis?: boolean;
}

/** Text at (x, y); returns the height it took. */
export function text(doc: Doc, value: string, x: number, y: number, options: TextOptions = {}): number {
  doc.font(options.bold ? BOLD : FONT).fontSize(options.size ?? 9);
  const opts: PDFKit.Mixins.TextOptions = { width: options.width, align: options.align ?? 'left', lineGap: 0.5 };
  if (options.ellipsis && options.width) {
    opts.lineBreak = false;
    opts.ellipsis = true;
    opts.height = doc.currentLineHeight(true);
  }
  doc.text(value, x, y, opts);
  // pdfkit leaves doc.y under the last line it wrote: the height, without measuring twice.
  return options.ellipsis || !options.width
    ? doc.currentLineHeight(true)
    : Math.max(doc.y - y, doc.currentLineHeight(true));
}

/** A labelled block ("Ship to" + lines) in a box; returns its height. */
export function block(
  doc: Doc,
  title: string,
  lines: readonly string[],
  x: number,
  y: number,
  width: number,
  size = 8.5,
): number {
  let h = text(doc, title.toUpperCase(), x, y, { size: size - 1.5, bold: true, width });
  for (const [i, line] of lines.entries()) {
    if (!line) continue;
    h += text(doc, line, x, y + h, { size, bold: i === 0, width });
  }
  return h;
}

export function hline(doc: Doc, x1: number, x2: number, y: number, width = 0.5): void {
  doc.save().lineWidth(width).moveTo(x1, y).lineTo(x2, y).stroke().restore();
}

export function frame(doc: Doc, x: number, y: number, w: number, h: number, width = 0.5): void {
  doc.save().lineWidth(width).rect(x, y, w, h).stroke().restore();
}

// ---- tables ------------------------------------------------------------------------------------

export interface Column<Row> {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
  value: (row: Row) => string;
}

/** Column header row with a rule under it; returns its height. */
export function tableHeader<Row>(doc: Doc, columns: readonly Column<Row>[], x: number, y: number, size = 7.5): number {
  let cx = x;
  let height = 0;
  for (const c of columns) {
    height = Math.max(height, text(doc, c.header, cx + 2, y, { size, bold: true, width: c.width - 4, align: c.align }));
    cx += c.width;
  }
  hline(doc, x, cx, y + height + 2);
  return height + 4;
}

/** Height a row needs once its cells wrap. */
export function rowHeight<Row>(doc: Doc, columns: readonly Column<Row>[], row: Row, size = 7.5): number {
  doc.font(FONT).fontSize(size);
  let height = doc.currentLineHeight(true);
  for (const c of columns) {
    const value = c.value(row);
    // Only a cell that does not fit on one line needs the (costly) wrapped measurement.
    if (value.includes('\n') || doc.widthOfString(value) > c.width - 4) {
      height = Math.max(height, doc.heightOfString(value, { width: c.width - 4, lineGap: 0.5 }));
    }
  }
  return height + 3;
}

export function tableRow<Row>(
  doc: Doc,
  columns: readonly Column<Row>[],
  row: Row,
  x: number,
  y: number,
  size = 7.5,
): void {
  let cx = x;
  for (const c of columns) {
    text(doc, c.value(row), cx + 2, y + 1.5, { size, width: c.width - 4, align: c.align });
    cx += c.width;
  }
}

/** Columns whose widths are shares of `total` (the last one takes the rounding remainder). */
export function fitColumns<Row>(
  columns: readonly Omit<Column<Row>, 'width'>[],
  shares: readonly number[],
  total: number,
): Column<Row>[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  return columns.map((c, i) => ({ ...c, width: (shares[i] / sum) * total }));
}

// ---- barcodes ----------------------------------------------------------------------------------

export interface Code128Options {
  /** Most horizontal room the symbol (with its quiet zones) may take. */
  maxWidth: number;
  height: number;
  /** Widest module in points; narrower when the text is long. */
  maxModule?: number;
  /** Print the value under the bars (default true) so it is searchable text in the PDF. */
  humanReadable?: boolean;
  fontSize?: number;
  align?: 'left' | 'center';
}

const QUIET_MODULES = 10;

/** Draws `value` as Code 128 at (x, y); returns the drawn size including the text line. */
export function code128(
  doc: Doc,
  value: string,
  x: number,
  y: number,
  options: Code128Options,
): { width: number; height: number } {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text: value }) as Array<{ sbs: number[] }>;
  const modules = symbol.sbs.reduce((a, b) => a + b, 0) + 2 * QUIET_MODULES;
  const module = Math.min(options.maxModule ?? 1.2, options.maxWidth / modules);
  const width = modules * module;
  const left = options.align === 'center' ? x + (options.maxWidth - width) / 2 : x;
  let cx = left + QUIET_MODULES * module;
  doc.save();
  for (let i = 0; i < symbol.sbs.length; i++) {
    const w = symbol.sbs[i] * module;
    if (i % 2 === 0) doc.rect(cx, y, w, options.height);
    cx += w;
  }
  doc.fillColor('black').fill().restore();
  let height = options.height;
  if (options.humanReadable ?? true) {
    const size = options.fontSize ?? 8;
    height += 1 + text(doc, value, left, y + options.height + 1, { size, width, align: 'center' });
  }
  return { width, height };
}

/**
 * Draws `value` as a QR code `size` points square at (x, y). Encoded with the `qrcode` package (about
 * ten times faster than bwip-js for the ~900-character signed e-invoice QR), as one byte segment with
 * a fixed mask: the segment and mask searches cost more than the encoding, and every mask is a valid
 * symbol that scanners read.
 */
export function qrCode(doc: Doc, value: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create([{ data: Buffer.from(value, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: 1,
  });
  const count = modules.size;
  const quiet = 4;
  const module = size / (count + 2 * quiet);
  doc.save();
  for (let row = 0; row < count; row++) {
    // One rectangle per run of dark modules keeps the content stream small.
    let col = 0;
    while (col < count) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.get(row, col)) col++;
      doc.rect(x + (quiet + start) * module, y + (quiet + row) * module, (col - start) * module, module);
    }
  }
  doc.fillColor('black').fill().restore();
}
