// The sandbox's PDFs: box labels (one per box, AWB as Code 128), the dispatch manifest
// (every PO with invoice number and master AWB, with barcodes), and simple PO and invoice
// copies. Data is gathered from state here; drawing uses pdf.ts.
import { istDate, code128, inr, renderPdf, type Doc } from './pdf.ts';
import { effectiveQty, type PurchaseOrder } from './purchase-orders.ts';
import type { Manifest, Seller } from './seller.ts';
import { WAREHOUSES } from './warehouses.ts';

export async function renderLabels(seller: Seller, po: PurchaseOrder): Promise<Buffer> {
  const inv = po.invoice!;
  const ship = po.shipment!;
  const w = WAREHOUSES[po.warehouse];
  // 4 x 6 inch thermal label, one page per box.
  return renderPdf(
    { size: [288, 432], margin: 14, autoFirstPage: false, info: { Title: `Labels ${po.poNumber}` } },
    async (doc) => {
      for (const [i, box] of ship.boxes.entries()) {
        const packed = inv.boxes[i];
        const units = packed.lines.reduce((n, l) => n + l.quantity, 0);
        doc.addPage();
        doc.font('Helvetica-Bold').fontSize(13).text('AJIO JIT - BOX LABEL', { align: 'center' });
        doc.moveDown(0.4).font('Helvetica').fontSize(8);
        doc.text(`SHIP TO: ${w.name}`).text(`${w.address} - ${w.pincode}`).text(`GSTIN ${w.gstin}`);
        doc.moveDown(0.3).text(`FROM: ${seller.name} (POB ${seller.username})`).text(`GSTIN ${seller.gstin}`);
        doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10);
        doc.text(`PO ${po.poNumber}   Order ${po.orderId}`).text(`Invoice ${inv.number}`);
        doc.text(`Box ${i + 1} of ${ship.boxes.length}: ${box.boxId}`);
        doc.font('Helvetica').fontSize(9).text(`Weight ${packed.weightGrams} g   Units ${units}`);
        doc.text(`Master AWB ${ship.masterAwb}`);
        doc.moveDown(0.5);
        const y = doc.y;
        doc.image(await code128(box.awb, 18), 24, y, { width: 240, height: 80 });
        doc.y = y + 86;
        doc.font('Helvetica-Bold').fontSize(14).text(`AWB ${box.awb}`, 14, doc.y, { align: 'center' });
      }
    },
  );
}

function row(doc: Doc, y: number, cells: string[], widths: number[], bold = false) {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
  let x = 36;
  cells.forEach((c, i) => {
    doc.text(c, x, y, { width: widths[i] - 4, lineBreak: false });
    x += widths[i];
  });
}

export async function renderManifest(seller: Seller, m: Manifest): Promise<Buffer> {
  return renderPdf({ size: 'A4', margin: 36, info: { Title: `Manifest ${m.id}` } }, async (doc) => {
    doc.font('Helvetica-Bold').fontSize(15).text('AJIO JIT DISPATCH MANIFEST');
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(`Manifest ${m.id}    Created ${istDate(m.createdAt)}`);
    doc.text(`Seller ${seller.name}    POB ${seller.username}    GSTIN ${seller.gstin}`);
    doc.image(await code128(m.id, 10), 380, 36, { width: 180, height: 40 });
    const widths = [22, 80, 80, 90, 76, 36, 36, 100];
    const head = ['#', 'Order id', 'PO number', 'Invoice no', 'Master AWB', 'Boxes', 'Units', 'Master AWB barcode'];
    let y = 100;
    row(doc, y, head, widths, true);
    y += 16;
    for (const [i, it] of m.items.entries()) {
      if (y > 770) {
        doc.addPage();
        y = 36;
        row(doc, y, head, widths, true);
        y += 16;
      }
      row(
        doc,
        y + 8,
        [String(i + 1), it.orderId, it.poNumber, it.invoiceNo, it.masterAwb, String(it.boxes), String(it.units)],
        widths,
      );
      doc.image(await code128(it.masterAwb, 8), 36 + widths.slice(0, 7).reduce((a, b) => a + b, 0), y, {
        width: 120,
        height: 28,
      });
      y += 34;
    }
    const boxes = m.items.reduce((n, it) => n + it.boxes, 0);
    const units = m.items.reduce((n, it) => n + it.units, 0);
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(`Total: ${m.items.length} POs, ${boxes} boxes, ${units} units`, 36, y + 10);
    doc
      .font('Helvetica')
      .text('Handed over by (seller): ____________________    Received by (AJIO): ____________________', 36, y + 40);
  });
}

export async function renderPurchaseOrder(seller: Seller, po: PurchaseOrder): Promise<Buffer> {
  const w = WAREHOUSES[po.warehouse];
  return renderPdf({ size: 'A4', margin: 36, info: { Title: `PO ${po.poNumber}` } }, async (doc) => {
    doc.font('Helvetica-Bold').fontSize(15).text(`PURCHASE ORDER ${po.poNumber}`);
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(`Order ${po.orderId}    Date ${istDate(po.poDate)}    Status ${po.status}`);
    doc.text(`Supplier ${seller.name} (${seller.gstin})    Ship to ${w.name}, ${w.pincode} (${w.gstin})`);
    const widths = [150, 120, 50, 60, 60, 80];
    let y = 100;
    row(doc, y, ['Item', 'SKU', 'Qty', 'Net qty', 'GST %', 'Base price'], widths, true);
    for (const l of po.lines) {
      y += 14;
      if (y > 780) {
        doc.addPage();
        y = 36;
      }
      const v = seller.catalog.variants[l.variant];
      row(
        doc,
        y,
        [l.itemId, v.variantId, String(l.quantity), String(effectiveQty(l)), String(l.gstRate), inr(l.basePaise)],
        widths,
      );
    }
  });
}

export async function renderInvoice(seller: Seller, po: PurchaseOrder): Promise<Buffer> {
  const inv = po.invoice!;
  const w = WAREHOUSES[po.warehouse];
  return renderPdf({ size: 'A4', margin: 36, info: { Title: `Invoice ${inv.number}` } }, async (doc) => {
    doc.font('Helvetica-Bold').fontSize(15).text(`TAX INVOICE ${inv.number}`);
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(`Date ${istDate(inv.date)}    PO ${po.poNumber}`);
    doc
      .text(`Supplier ${seller.name}, GSTIN ${seller.gstin}`)
      .text(`Bill to Reliance Retail Limited, GSTIN ${w.gstin}`);
    if (inv.irn) doc.text(`IRN ${inv.irn}    Ack ${inv.ackNo}`);
    doc
      .moveDown()
      .text(
        `Taxable ${inr(inv.taxablePaise)}    Tax ${inr(inv.taxPaise)}    Total ${inr(inv.taxablePaise + inv.taxPaise)}`,
      );
  });
}
