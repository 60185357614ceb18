import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { renderInvoice } from '../../src/core/documents/render/invoice.ts';
import { renderBoxLabels } from '../../src/core/documents/render/box-label.ts';
import { getDocument, listDocuments, storeDocument, voidDocument } from '../../src/core/documents/store.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { NO_PDFTOTEXT, pdfText } from './pdf-tools.ts';
import { intraStateInvoice, labelData } from './fixtures.ts';

/** A PO row to hang documents on: warehouse → channel → order, as the order stream would create them. */
async function createOrder(t: TestApp, poNumber: string): Promise<number> {
  const q = t.database.query.bind(t.database);
  const {
    rows: [w],
  } = await q<{
    id: number;
  }>(`insert into warehouses (code, name, state_code, pincode) values ('WH-DOC', 'Docs warehouse', '27', '400013')
    on conflict (code) do update set name = excluded.name returning id`);
  const {
    rows: [c],
  } = await q<{ id: number }>(
    `insert into channels (code, type, name, warehouse_id) values ('ajio-docs', 'ajio-jit', 'AJIO docs', $1)
    on conflict (code) do update set name = excluded.name returning id`,
    [w.id],
  );
  const {
    rows: [o],
  } = await q<{ id: number }>(
    `insert into orders (channel_id, warehouse_id, external_id, po_number, status) values ($1, $2, $3, $3, 'packed') returning id`,
    [c.id, w.id, poNumber],
  );
  return Number(o.id);
}

for (const kind of databaseKinds) {
  describe(`document store and /api/documents (${kind})`, () => {
    let t: TestApp;
    let invoicePdf: Buffer;
    let labelsPdf: Buffer;
    let orderId: number;

    before(async () => {
      t = await createTestApp(kind);
      invoicePdf = await renderInvoice(intraStateInvoice());
      labelsPdf = await renderBoxLabels(labelData(2));
      orderId = await createOrder(t, 'PO2509230001');
    });
    after(async () => t.close());

    it('stores a PDF once per kind, hash and reference, and gives the bytes back unchanged', async () => {
      const db = t.database.db;
      const first = await storeDocument(db, {
        kind: 'invoice',
        source: 'weft',
        bytes: invoicePdf,
        reference: 'PO2509230001',
        orderId,
        createdBy: 'operator1',
      });
      assert.equal(first.created, true);
      assert.equal(first.document.sha256, createHash('sha256').update(invoicePdf).digest('hex'));
      assert.equal(first.document.size, invoicePdf.length);
      const again = await storeDocument(db, {
        kind: 'invoice',
        source: 'weft',
        bytes: await renderInvoice(intraStateInvoice()),
        reference: 'PO2509230001',
        orderId,
        createdBy: 'operator2',
      });
      assert.equal(again.created, false, 're-rendering the same data stores nothing new');
      assert.equal(again.document.id, first.document.id);
      // Same bytes under another kind or reference are another document.
      const other = await storeDocument(db, {
        kind: 'marketplace-invoice',
        source: 'marketplace',
        bytes: invoicePdf,
        reference: 'PO2509230001',
        orderId,
        createdBy: 'sync',
      });
      assert.equal(other.created, true);
      const got = await getDocument(db, first.document.id);
      assert.ok(Buffer.isBuffer(got.bytes));
      assert.ok(got.bytes.equals(invoicePdf));
    });

    it('stores concurrent copies of the same bytes once', async () => {
      const db = t.database.db;
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          storeDocument(db, {
            kind: 'box-labels',
            source: 'weft',
            bytes: labelsPdf,
            reference: 'PO2509230001',
            orderId,
            createdBy: 'operator1',
          }),
        ),
      );
      assert.equal(new Set(results.map((r) => r.document.id)).size, 1);
      assert.equal(results.filter((r) => r.created).length, 1);
    });

    it('voids a document, keeps it, and never hands it out again as the live copy', async () => {
      const db = t.database.db;
      const prefetched = await storeDocument(db, {
        kind: 'marketplace-label',
        source: 'marketplace',
        bytes: labelsPdf,
        reference: 'PO2509230001',
        orderId,
        createdBy: 'sync',
      });
      const voided = await voidDocument(db, prefetched.document.id, 'packing changed: 3 boxes, not 2', 'operator1');
      assert.ok(voided.voidedAt);
      assert.match(voided.voidReason ?? '', /packing changed.*operator1/);
      await assert.rejects(voidDocument(db, prefetched.document.id, 'again', 'operator1'), /already void/);
      await assert.rejects(voidDocument(db, 999_999, 'x', 'operator1'), /does not exist/);
      const live = await listDocuments(db, { orderId, kind: 'marketplace-label' });
      assert.equal(live.length, 0, 'void documents are hidden by default');
      const all = await listDocuments(db, { orderId, kind: 'marketplace-label', includeVoided: true });
      assert.deepEqual(
        all.map((d) => d.id),
        [prefetched.document.id],
        'but kept',
      );
      const fresh = await storeDocument(db, {
        kind: 'marketplace-label',
        source: 'marketplace',
        bytes: labelsPdf,
        reference: 'PO2509230001',
        orderId,
        createdBy: 'sync',
      });
      assert.equal(fresh.created, true, 'the same bytes stored after a void make a new live row');
      assert.notEqual(fresh.document.id, prefetched.document.id);
    });

    it('refuses what is not a PDF and unknown kinds, with a sentence that says what to do', async () => {
      const db = t.database.db;
      await assert.rejects(
        storeDocument(db, {
          kind: 'invoice',
          source: 'weft',
          bytes: Buffer.from('<html>'),
          reference: 'PO1',
          createdBy: 'x',
        }),
        /not a PDF/,
      );
      await assert.rejects(
        storeDocument(db, {
          kind: 'receipt' as never,
          source: 'weft',
          bytes: invoicePdf,
          reference: 'PO1',
          createdBy: 'x',
        }),
        /kind "receipt" is unknown/,
      );
      await assert.rejects(
        storeDocument(db, { kind: 'invoice', source: 'weft', bytes: invoicePdf, reference: ' ', createdBy: 'x' }),
        /needs a reference/,
      );
    });

    it('GET /api/documents/{id} returns the PDF to a viewer, inline with a file name; 401 without a token', {
      skip: NO_PDFTOTEXT,
    }, async () => {
      const [doc] = await listDocuments(t.database.db, { reference: 'PO2509230001', kind: 'invoice' });
      const res = await t.call('GET', `/api/documents/${doc.id}`, { as: 'viewer' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['content-disposition'], 'inline; filename="invoice-PO2509230001.pdf"');
      assert.ok(res.rawPayload.equals(invoicePdf));
      assert.match(pdfText(res.rawPayload), /Tax Invoice/);
      const anonymous = await t.call('GET', `/api/documents/${doc.id}`, { as: null });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.json().error.code, 'unauthorized');
      const missing = await t.call('GET', '/api/documents/987654', { as: 'viewer' });
      assert.equal(missing.statusCode, 404);
    });

    it('GET /api/documents lists metadata per order, reference and kind, without bytes', async () => {
      const byOrder = await t.call('GET', `/api/documents?orderId=${orderId}`, { as: 'viewer' });
      assert.equal(byOrder.statusCode, 200);
      const items = byOrder.json().items as Array<Record<string, unknown>>;
      assert.deepEqual(items.map((d) => d.kind).sort(), [
        'box-labels',
        'invoice',
        'marketplace-invoice',
        'marketplace-label',
      ]);
      assert.ok(items.every((d) => !('bytes' in d) && typeof d.url === 'string' && typeof d.sha256 === 'string'));
      const invoices = await t.call('GET', '/api/documents?reference=PO2509230001&kind=invoice', { as: 'viewer' });
      assert.equal(invoices.json().items.length, 1);
      const withVoid = await t.call('GET', `/api/documents?orderId=${orderId}&includeVoided=true`, { as: 'viewer' });
      assert.equal(withVoid.json().items.length, 5);
      const unauth = await t.call('GET', '/api/documents', { as: null });
      assert.equal(unauth.statusCode, 401);
    });
  });
}
