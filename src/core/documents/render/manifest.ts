import { invalid } from '../../errors.ts';
import {
  A4,
  code128,
  fixedDate,
  frame,
  hline,
  kilograms,
  paperDateTime,
  renderPdf,
  text,
  type Doc,
} from './pdf-kit.ts';

/**
 * Weft's handover manifest (A4): one row per shipment with its master AWB as Code 128, totals, and a
 * signature area for the seller's dispatcher and the carrier's agent. Every page repeats the manifest
 * header so a loose page can be matched to its manifest.
 */
export interface ManifestShipment {
  poNumber: string;
  invoiceNumber: string;
  masterAwb: string;
  boxCount: number;
  weightGrams: number;
}

export interface ManifestData {
  /** Weft's manifest id, printed as Code 128 on every page. */
  manifestId: string;
  /** The marketplace's manifest number, when it gave one. */
  manifestNumber?: string;
  channel: string;
  warehouse: { name: string; address: readonly string[] };
  createdAt: Date;
  carrier: string;
  handover?: { vehicle?: string; agent?: string };
  shipments: readonly ManifestShipment[];
}

const MARGIN = 28;
const WIDTH = A4.width - 2 * MARGIN;
const BOTTOM = A4.height - MARGIN - 16;
const ROW = 36;
const SIGNATURES = 120;

const COLS = { index: 22, po: 108, invoice: 108, awb: 170, boxes: 40, weight: WIDTH - 22 - 108 - 108 - 170 - 40 };

function header(doc: Doc, data: ManifestData): number {
  let y = MARGIN;
  text(doc, 'Shipment Manifest', MARGIN, y, { size: 15, bold: true });
  code128(doc, data.manifestId, MARGIN + WIDTH - 200, y - 4, {
    maxWidth: 200,
    height: 26,
    maxModule: 1.2,
    fontSize: 8,
    align: 'center',
  });
  y += 20;
  const line = (label: string, value: string) => {
    text(doc, label, MARGIN, y, { size: 8, width: 90 });
    y += text(doc, value, MARGIN + 92, y, { size: 8, bold: true, width: WIDTH - 300 });
  };
  line(
    'Manifest',
    data.manifestNumber ? `${data.manifestId}  (marketplace no. ${data.manifestNumber})` : data.manifestId,
  );
  line('Channel', data.channel);
  line('Warehouse', [data.warehouse.name, ...data.warehouse.address].join(', '));
  line('Date', paperDateTime(data.createdAt));
  const handover = [
    data.carrier,
    data.handover?.vehicle && `vehicle ${data.handover.vehicle}`,
    data.handover?.agent && `agent ${data.handover.agent}`,
  ];
  line('Carrier / handover', handover.filter(Boolean).join(', '));
  y += 6;
  let x = MARGIN;
  for (const [key, title] of [
    ['index', '#'],
    ['po', 'PO'],
    ['invoice', 'Invoice'],
    ['awb', 'Master AWB'],
    ['boxes', 'Boxes'],
    ['weight', 'Weight'],
  ] as const) {
    const align = key === 'index' || key === 'boxes' || key === 'weight' ? 'right' : 'left';
    text(doc, title, x + 2, y, { size: 8, bold: true, width: COLS[key] - 4, align });
    x += COLS[key];
  }
  y += 12;
  hline(doc, MARGIN, MARGIN + WIDTH, y);
  return y + 3;
}

function row(doc: Doc, index: number, s: ManifestShipment, y: number): void {
  let x = MARGIN;
  const mid = y + 10;
  text(doc, String(index), x + 2, mid, { size: 8, width: COLS.index - 4, align: 'right' });
  x += COLS.index;
  text(doc, s.poNumber, x + 2, mid, { size: 8, width: COLS.po - 4 });
  x += COLS.po;
  text(doc, s.invoiceNumber, x + 2, mid, { size: 8, width: COLS.invoice - 4 });
  x += COLS.invoice;
  code128(doc, s.masterAwb, x, y + 2, { maxWidth: COLS.awb, height: 20, maxModule: 1.1, fontSize: 7.5 });
  x += COLS.awb;
  text(doc, String(s.boxCount), x + 2, mid, { size: 8, width: COLS.boxes - 4, align: 'right' });
  x += COLS.boxes;
  text(doc, kilograms(s.weightGrams), x + 2, mid, { size: 8, width: COLS.weight - 4, align: 'right' });
  hline(doc, MARGIN, MARGIN + WIDTH, y + ROW - 1, 0.25);
}

function totalsAndSignatures(doc: Doc, data: ManifestData, y: number): void {
  const boxes = data.shipments.reduce((a, s) => a + s.boxCount, 0);
  const grams = data.shipments.reduce((a, s) => a + s.weightGrams, 0);
  text(doc, `Total: ${data.shipments.length} shipments, ${boxes} boxes, ${kilograms(grams)}`, MARGIN, y + 4, {
    size: 10,
    bold: true,
    width: WIDTH,
  });
  y += 24;
  const w = WIDTH / 2 - 8;
  for (const [i, who] of ['Handed over by (seller)', `Received by (${data.carrier})`].entries()) {
    const x = MARGIN + i * (w + 16);
    frame(doc, x, y, w, 88);
    text(doc, who, x + 6, y + 5, { size: 8.5, bold: true, width: w - 12 });
    for (const [j, label] of ['Name', 'Signature', 'Date and time'].entries()) {
      const ly = y + 30 + j * 20;
      text(doc, label, x + 6, ly - 9, { size: 7 });
      hline(doc, x + 70, x + w - 8, ly, 0.5);
    }
  }
}

export async function renderManifest(data: ManifestData): Promise<Buffer> {
  if (data.shipments.length === 0)
    throw invalid(`Manifest ${data.manifestId} has no shipments: add at least one shipped PO.`, 'shipments');
  return renderPdf(
    {
      size: [A4.width, A4.height],
      margin: MARGIN,
      creationDate: fixedDate(data.createdAt),
      title: `Manifest ${data.manifestId}`,
      bufferPages: true,
    },
    (doc) => {
      let y = header(doc, data);
      data.shipments.forEach((s, i) => {
        if (y + ROW > BOTTOM) {
          doc.addPage();
          y = header(doc, data);
        }
        row(doc, i + 1, s, y);
        y += ROW;
      });
      if (y + SIGNATURES > BOTTOM) {
        doc.addPage();
        y = header(doc, data);
      }
      totalsAndSignatures(doc, data, y);
      const range = doc.bufferedPageRange();
      for (let i = 0; i < range.count; i++) {
        doc.switchToPage(range.start + i);
        text(doc, `Manifest ${data.manifestId}    Page ${i + 1} of ${range.count}`, MARGIN, A4.height - MARGIN - 10, {
          size: 7.5,
          width: WIDTH,
          align: 'right',
        });
      }
    },
  );
}
