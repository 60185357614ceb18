/**
 * Document rendering benchmark, one core:
 *   - invoice + box labels per PO (3 invoice lines, 2 boxes: one invoice and a 2-page label PDF),
 *     without and with an e-invoice signed QR. Target ≥ 50 POs/s.
 *   - a 250-shipment manifest: render time (target < 1 s), then storing it in the document store
 *     on an embedded PGlite database.
 *
 *   npx tsx bench/documents.ts [--seconds 3]
 */
import { openDatabase } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { renderInvoice, type InvoiceData } from '../src/core/documents/render/invoice.ts';
import { renderBoxLabels } from '../src/core/documents/render/box-label.ts';
import { renderManifest } from '../src/core/documents/render/manifest.ts';
import { storeDocument } from '../src/core/documents/store.ts';
import {
  intraStateInvoice,
  interStateInvoice,
  IRN,
  labelData,
  manifestData,
  SELLER,
  signedQr,
} from '../test/documents/fixtures.ts';

const seconds = (() => {
  const i = process.argv.indexOf('--seconds');
  return i > 0 ? Number(process.argv[i + 1]) : 3;
})();

function poData(i: number, withIrn: boolean): { invoice: InvoiceData; labels: ReturnType<typeof labelData> } {
  const po = `PO25${String(1_000_000 + i)}`;
  const number = `WFT/25-26/${String(i % 1_000_000).padStart(6, '0')}`;
  const base = i % 2 ? interStateInvoice() : intraStateInvoice();
  const einvoice = withIrn
    ? {
        irn: IRN,
        ackNo: String(112510000000000 + i),
        ackDate: '2025-09-23 15:10:00',
        signedQrCode: signedQr({
          seller: SELLER.gstin,
          buyer: base.recipient.gstin,
          docNo: number,
          docDate: '23/09/2025',
          total: 27375,
          itemCount: 3,
          hsn: '62052000',
          irn: IRN,
          irnDate: '2025-09-23 15:10:00',
        }),
      }
    : null;
  const labels = labelData(2);
  return {
    invoice: { ...base, number, poNumber: po, einvoice },
    labels: {
      ...labels,
      poNumber: po,
      invoiceNumber: number,
      boxes: labels.boxes.map((b) => ({
        ...b,
        boxId: `BX-${i}-${b.number}`,
        awb: String(14_900_000_000 + i * 2 + b.number),
      })),
    },
  };
}

async function throughput(label: string, withIrn: boolean): Promise<void> {
  // Data is built up front so only rendering is timed (the signed QR is RSA-signed per PO).
  const pool = Array.from({ length: 400 }, (_, i) => poData(i, withIrn));
  for (let i = 0; i < 20; i++) await Promise.all([renderInvoice(pool[i].invoice), renderBoxLabels(pool[i].labels)]);
  let count = 0;
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const { invoice, labels } = pool[count % pool.length];
    const [a, b] = [await renderInvoice(invoice), await renderBoxLabels(labels)];
    bytes += a.length + b.length;
    count++;
  }
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu0);
  // Per CPU-second as well: on a shared machine the wall-clock figure mostly measures the neighbours.
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `${label.padEnd(40)} ${(count / elapsed).toFixed(1).padStart(7)} POs/s wall, ${(count / cpuSeconds).toFixed(1).padStart(6)} POs per CPU-second  (${count} POs, ${(bytes / count / 1024).toFixed(1)} KB each)   target >= 50`,
  );
}

async function manifest(): Promise<void> {
  const data = manifestData(250);
  await renderManifest(manifestData(20));
  const runs: number[] = [];
  let pdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    pdf = await renderManifest({ ...data, manifestId: `MF-BENCH-${i}` });
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `${'250-shipment manifest render'.padEnd(40)} median ${runs[2].toFixed(0)} ms, worst ${runs[4].toFixed(0)} ms  (${(pdf.length / 1024).toFixed(0)} KB)   target < 1000 ms`,
  );
  const database = await openDatabase({});
  try {
    await migrate(database);
    const t0 = performance.now();
    await storeDocument(database.db, {
      kind: 'manifest',
      source: 'weft',
      bytes: pdf,
      reference: 'MF-BENCH-4',
      createdBy: 'bench',
    });
    const t1 = performance.now();
    await storeDocument(database.db, {
      kind: 'manifest',
      source: 'weft',
      bytes: pdf,
      reference: 'MF-BENCH-4',
      createdBy: 'bench',
    });
    console.log(
      `${'  store it (PGlite)'.padEnd(40)} first ${(t1 - t0).toFixed(1)} ms, again (dedupe) ${(performance.now() - t1).toFixed(1)} ms`,
    );
  } finally {
    await database.close();
  }
}

console.log(`Document rendering, one core, Node ${process.version}, ${seconds} s per measurement`);
await throughput('invoice + 2 labels (no e-invoice)', false);
await throughput('invoice + 2 labels (with signed QR)', true);
await manifest();
