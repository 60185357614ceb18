import { invalid } from '../../errors.ts';
import { sortForWalking } from '../../fulfilment/walking-order.ts';
import {
  A4,
  code128,
  fitColumns,
  fixedDate,
  frame,
  hline,
  paperDateTime,
  renderPdf,
  rowHeight,
  tableHeader,
  tableRow,
  text,
  type Column,
  type Doc,
} from './pdf-kit.ts';

/**
 * The picklist (A4): what to pick, in the order a picker walks the floor, with a tick box per row.
 * Rows follow the bin `location` when the warehouse has one; otherwise style, colour and size in
 * shelf order (XS … 3XL, numeric sizes numerically), then SKU.
 */
export interface PicklistLine {
  skuCode: string;
  ean?: string | null;
  description: string;
  style?: string;
  colour?: string;
  size?: string;
  location?: string | null;
  quantity: number;
  /** How many POs need this SKU. */
  poCount: number;
}

export interface PicklistData {
  picklistId: string;
  warehouse: string;
  createdAt: Date;
  createdBy?: string;
  lines: readonly PicklistLine[];
}

const MARGIN = 28;
const WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - MARGIN - 16;
const SIZE = 8.5;

function header(doc: Doc, data: PicklistData, lines: readonly PicklistLine[]): number {
  let y = MARGIN;
  text(doc, 'Picklist', MARGIN, y, { size: 16, bold: true });
  code128(doc, data.picklistId, MARGIN + WIDTH - 210, y - 4, {
    maxWidth: 210,
    height: 30,
    maxModule: 1.3,
    fontSize: 9,
    align: 'center',
  });
  y += 22;
  const units = lines.reduce((a, l) => a + l.quantity, 0);
  const rows: [string, string][] = [
    ['Picklist', data.picklistId],
    ['Warehouse', data.warehouse],
    ['Created', `${paperDateTime(data.createdAt)}${data.createdBy ? ` by ${data.createdBy}` : ''}`],
    ['To pick', `${units} units of ${lines.length} SKUs`],
  ];
  for (const [label, value] of rows) {
    text(doc, label, MARGIN, y, { size: 8.5, width: 70 });
    y += text(doc, value, MARGIN + 72, y, { size: 8.5, bold: true, width: WIDTH - 300 });
  }
  return y + 8;
}

export async function renderPicklist(data: PicklistData): Promise<Buffer> {
  if (data.lines.length === 0) throw invalid(`Picklist ${data.picklistId} has nothing to pick.`, 'lines');
  const lines = sortForWalking(data.lines);
  const located = lines.some((l) => l.location);
  const base: Omit<Column<PicklistLine>, 'width'>[] = [
    { header: 'Done', value: () => '' },
    ...(located ? [{ header: 'Location', value: (l: PicklistLine) => l.location ?? '' }] : []),
    { header: 'SKU', value: (l) => l.skuCode },
    { header: 'EAN', value: (l) => l.ean ?? '' },
    { header: 'Description', value: (l) => [l.description, l.colour].filter(Boolean).join(', ') },
    { header: 'Size', value: (l) => l.size ?? '' },
    { header: 'Qty', value: (l) => String(l.quantity), align: 'right' },
    { header: 'POs', value: (l) => String(l.poCount), align: 'right' },
  ];
  const shares = located ? [26, 56, 96, 76, 150, 34, 30, 28] : [26, 110, 80, 170, 40, 32, 30];
  const columns = fitColumns(base, shares, WIDTH);
  return renderPdf(
    {
      size: [A4.width, A4.height],
      margin: MARGIN,
      creationDate: fixedDate(data.createdAt),
      title: `Picklist ${data.picklistId}`,
      bufferPages: true,
    },
    (doc) => {
      let y = header(doc, data, lines);
      y += tableHeader(doc, columns, MARGIN, y, SIZE);
      for (const line of lines) {
        const h = Math.max(rowHeight(doc, columns, line, SIZE), 18);
        if (y + h > BOTTOM) {
          doc.addPage();
          y = header(doc, data, lines);
          y += tableHeader(doc, columns, MARGIN, y, SIZE);
        }
        frame(doc, MARGIN + 6, y + 3, 10, 10, 0.8);
        tableRow(doc, columns, line, MARGIN, y + 2, SIZE);
        hline(doc, MARGIN, MARGIN + WIDTH, y + h, 0.25);
        y += h;
      }
      const range = doc.bufferedPageRange();
      for (let i = 0; i < range.count; i++) {
        doc.switchToPage(range.start + i);
        text(doc, `Picklist ${data.picklistId}    Page ${i + 1} of ${range.count}`, MARGIN, A4.height - MARGIN - 10, {
          size: 7.5,
          width: WIDTH,
          align: 'right',
        });
      }
    },
  );
}
