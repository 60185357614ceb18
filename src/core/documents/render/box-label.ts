import { invalid } from '../../errors.ts';
import {
  block,
  code128,
  fixedDate,
  hline,
  kilograms,
  LABEL_100x150,
  qrCode,
  renderPdf,
  text,
  type Doc,
} from './pdf-kit.ts';

/**
 * Weft's own 100×150 mm box labels, one page per box: ship-to, from, PO, invoice, box n of m, weight,
 * the AWB and the box id as Code 128 with their values printed, and a QR carrying `PO|box id|AWB`
 * so one scan tells the receiving dock all three.
 */
export interface LabelAddress {
  name: string;
  address: readonly string[];
}

export interface LabelBox {
  /** Position of the box in the shipment, 1-based ("box n of m"). */
  number: number;
  boxId: string;
  awb: string;
  weightGrams: number;
  /** The weight the marketplace holds for the box (a prefetched plan), printed and flagged when it differs. */
  marketplaceWeightGrams?: number;
}

export interface BoxLabelData {
  poNumber: string;
  invoiceNumber: string;
  /** When the labels were generated; fixes the PDF's dates so the same data gives the same bytes. */
  createdAt: Date;
  from: LabelAddress;
  shipTo: LabelAddress;
  carrier?: string;
  /** m in "box n of m": every box of the shipment, even when only some labels are printed. */
  boxCount: number;
  boxes: readonly LabelBox[];
}

/** What the label's QR code carries. */
export const labelQrText = (poNumber: string, box: LabelBox) => `${poNumber}|${box.boxId}|${box.awb}`;

const M = 10;
const W = LABEL_100x150.width - 2 * M;

function drawLabel(doc: Doc, data: BoxLabelData, box: LabelBox): void {
  let y = M;
  y += block(doc, 'Ship to', [data.shipTo.name, ...data.shipTo.address], M, y, W, 10) + 4;
  hline(doc, M, M + W, y, 1);
  y += 4;
  y += block(doc, 'From', [data.from.name, ...data.from.address], M, y, W, 7.5) + 4;
  hline(doc, M, M + W, y, 1);
  y += 4;
  const half = W / 2;
  text(doc, 'PO', M, y, { size: 6.5, bold: true });
  text(doc, 'INVOICE', M + half, y, { size: 6.5, bold: true });
  y += 8;
  text(doc, data.poNumber, M, y, { size: 10, bold: true, width: half - 4 });
  text(doc, data.invoiceNumber, M + half, y, { size: 10, bold: true, width: half });
  y += 15;
  text(doc, `Box ${box.number} of ${data.boxCount}`, M, y, { size: 16, bold: true, width: half + 20 });
  text(doc, `Weight ${kilograms(box.weightGrams)}`, M + half, y + 1, { size: 9, width: half });
  const differs = box.marketplaceWeightGrams !== undefined && box.marketplaceWeightGrams !== box.weightGrams;
  if (differs)
    text(doc, `Marketplace holds ${kilograms(box.marketplaceWeightGrams!)} (differs)`, M + half, y + 11, {
      size: 7,
      bold: true,
      width: half,
    });
  else
    text(doc, data.carrier ? `Carrier ${data.carrier}` : '', M + half, y + 11, {
      size: 8,
      width: half,
      ellipsis: true,
    });
  y += 24;
  hline(doc, M, M + W, y, 1);
  y += 4;
  text(doc, 'AWB', M, y, { size: 6.5, bold: true });
  y += 9;
  y +=
    code128(doc, box.awb, M, y, { maxWidth: W, height: 50, maxModule: 1.6, fontSize: 10, align: 'center' }).height + 5;
  text(doc, 'BOX ID', M, y, { size: 6.5, bold: true });
  y += 9;
  y +=
    code128(doc, box.boxId, M, y, { maxWidth: W, height: 38, maxModule: 1.4, fontSize: 9, align: 'center' }).height + 5;
  hline(doc, M, M + W, y, 1);
  y += 4;
  const qr = Math.min(96, LABEL_100x150.height - M - y);
  qrCode(doc, labelQrText(data.poNumber, box), M, y, qr);
  const tx = M + qr + 6;
  let ty = y + 6;
  ty += text(doc, 'PO | BOX | AWB', tx, ty, { size: 6.5, bold: true, width: W - qr - 6 });
  ty += text(doc, data.poNumber, tx, ty, { size: 8, width: W - qr - 6 });
  ty += text(doc, box.boxId, tx, ty, { size: 8, width: W - qr - 6 });
  text(doc, box.awb, tx, ty, { size: 8, width: W - qr - 6 });
}

export async function renderBoxLabels(data: BoxLabelData): Promise<Buffer> {
  if (data.boxes.length === 0)
    throw invalid(`PO ${data.poNumber} has no boxes to label: pack at least one box first.`, 'boxes');
  for (const box of data.boxes) {
    if (!box.awb || !box.boxId)
      throw invalid(
        `Box ${box.number} of PO ${data.poNumber} has no ${box.awb ? 'box id' : 'AWB'}: labels need both.`,
        'boxes',
      );
  }
  const size = [LABEL_100x150.width, LABEL_100x150.height] as const;
  return renderPdf(
    { size, margin: M, creationDate: fixedDate(data.createdAt), title: `Box labels ${data.poNumber}` },
    (doc) => {
      data.boxes.forEach((box, i) => {
        if (i > 0) doc.addPage({ size: [size[0], size[1]], margin: M });
        drawLabel(doc, data, box);
      });
    },
  );
}
