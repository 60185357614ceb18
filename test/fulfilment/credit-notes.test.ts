import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidEInvoice } from '../../src/einvoice/index.ts';
import { startIrpSandbox, type IrpSandbox } from '../../src/sandbox/irp/testing.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import { ordersSeller, type Variant } from '../helpers/orders-fixture.ts';
import { havePdfTools, pdfText } from '../helpers/pdf.ts';

/**
 * Goods that come back are credited: a PO packed and invoiced by Weft with e-invoicing on, dispatched,
 * returned by the customer and received at the warehouse gets, when its return closes, one GST credit
 * note against the invoice — the tax of each returned line reversed to the paisa, a CRN at the IRP whose
 * payload the NIC schema accepts, a PDF — and never a second one; the GST register adds up.
 */
for (const kind of databaseKinds) {
  describe(`credit notes for received returns (${kind})`, () => {
    let f: DispatchFixture;
    let irp: IrpSandbox;
    before(async () => {
      f = await createDispatchFixture(kind);
      irp = await startIrpSandbox({ gstin: '27AAACR5055K1Z7' });
      for (const v of f.variants) await f.stock(v.sellerSku, 20);
      const patched = await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: {
          settings: {
            einvoice: { irpBaseUrl: irp.url, clientId: irp.clientId, publicKeyPem: irp.publicKeyPem },
            orders: { returnOrderSync: true },
            returnSyncFrom: '2026-01-01',
          },
          interface: {
            einvoicing: {
              enabled: true,
              username: irp.userName,
              password: irp.password,
              clientSecret: irp.clientSecret,
            },
          },
        },
      });
      assert.equal(patched.statusCode, 200, patched.body);
    });
    after(async () => {
      await irp.close();
      await f.close();
    });

    const call = async (method: string, url: string, body?: unknown) => {
      const res = await f.t.call(method, url, { as: 'operator', body });
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };

    /** Packed through Weft, dispatched on a manifest, returned by the customer and pulled: the return's id. */
    async function returnedPo(lines: { variant: Variant; quantity: number }[]) {
      const { id, poNumber } = await f.packThroughApi(lines);
      const {
        items: [manifest],
      } = await call('POST', '/api/manifests', { channel: f.code, warehouse: 'MUM1' });
      await call('POST', `/api/manifests/${manifest.code}/dispatch`);
      const created = await f.sandbox.control.createReturns(
        ordersSeller.username,
        lines.map((l) => ({ po_number: poNumber, sku: l.variant.sku, quantity: l.quantity })),
      );
      const pulled = await f.run('returns');
      assert.equal(pulled.status, 'succeeded', pulled.error ?? '');
      const returns = (await call('GET', `/api/returns?q=${poNumber}`)).items as { id: number; externalId: string }[];
      return {
        orderId: id,
        poNumber,
        returnIds: created.map((c) => returns.find((r) => r.externalId === c.return_id)!.id),
      };
    }

    test('a received return gets one credit note reversing its tax, registered as a CRN, printed', async () => {
      const [a, b] = f.variants;
      const { orderId, returnIds } = await returnedPo([
        { variant: a, quantity: 2 },
        { variant: b, quantity: 1 },
      ]);
      const {
        rows: [row],
      } = await f.t.database.query<any>(
        `select invoice_number, taxable_paise, tax_paise, irn from invoices where order_id = $1 and status = 'active'`,
        [orderId],
      );
      const invoice = {
        invoiceNumber: row.invoice_number as string,
        taxablePaise: Number(row.taxable_paise),
        taxPaise: Number(row.tax_paise),
        irn: row.irn as string | null,
      };
      assert.ok(invoice.irn, 'the invoice was e-invoiced');

      // Both lines come back in one return (the sandbox makes one return per line: receive each).
      let closed: any;
      for (const [i, returnId] of returnIds.entries()) {
        await call('POST', `/api/returns/${returnId}/receive`);
        const variant = i === 0 ? a : b;
        const units = i === 0 ? 2 : 1;
        for (let u = 0; u < units; u++)
          await call('POST', `/api/returns/${returnId}/qc`, {
            code: variant.sellerSku,
            result: u === 0 ? 'good' : 'bad',
          });
        closed = await call('POST', `/api/returns/${returnId}/close`);
        assert.equal(closed.creditNoteProblem, null);
        assert.ok(closed.creditNote, 'a credit note for what came back');
        assert.equal(closed.creditNote.einvoiceStatus, 'generated');
        assert.match(closed.creditNote.irn, /^[0-9a-f]{64}$/);
        assert.match(closed.creditNote.noteNumber, /^CN\/\d\d-\d\d\/\d{6}$/);
        assert.deepEqual(
          closed.creditNote.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]),
          [[variant.sellerSku, units]],
        );
      }

      const notes = (await call('GET', `/api/credit-notes?from=2000-01-01&to=2100-01-01`)).items as any[];
      const ours = notes.filter((n) => n.orderId === orderId);
      assert.equal(ours.length, 2, 'one note per return');
      // The whole PO came back: the notes together reverse the invoice's taxable value and tax exactly.
      const sum = (pick: (n: any) => number) => ours.reduce((s, n) => s + pick(n), 0);
      assert.equal(
        sum((n) => n.taxablePaise),
        invoice.taxablePaise,
      );
      assert.equal(
        sum((n) => n.taxPaise),
        invoice.taxPaise,
      );

      // The IRP holds a CRN per note, naming the invoice it credits; its payload passes NIC's schema.
      const crns = irp.control.records().filter((r) => r.docType === 'CRN');
      assert.equal(crns.length, 2);
      for (const crn of crns) {
        assert.doesNotThrow(() => assertValidEInvoice(crn.payload));
        const refs = (crn.payload as any).RefDtls.PrecDocDtls[0];
        assert.equal(refs.InvNo, invoice.invoiceNumber);
      }

      // Finishing again (a retry, the sweep) makes nothing twice.
      const again = await call('POST', `/api/credit-notes/${ours[0].id}/finish`);
      assert.equal(again.irn, ours[0].irn);
      assert.equal(irp.control.records().filter((r) => r.docType === 'CRN').length, 2);

      if (havePdfTools) {
        const pdf = (
          await f.t.app.inject({
            method: 'GET',
            url: `/api/documents/${ours[0].documentId}`,
            headers: { authorization: `Bearer ${f.t.tokens.viewer}` },
          })
        ).rawPayload;
        const text = pdfText(pdf);
        assert.match(text, /Credit Note/);
        assert.ok(text.includes(ours[0].noteNumber));
        assert.ok(text.includes(invoice.invoiceNumber), 'names the invoice it credits');
        assert.ok(text.includes(ours[0].irn), 'carries its IRN');
      }

      // The register: rows add up to the documents, invoices and credit notes apart.
      const register = await call('GET', '/api/gst-register?from=2000-01-01&to=2100-01-01');
      const rowsOf = (number: string) => register.rows.filter((r: any) => r.number === number);
      const invoiceRows = rowsOf(invoice.invoiceNumber);
      assert.ok(invoiceRows.length >= 1);
      const rowSum = (rows: any[], pick: (r: any) => number) => rows.reduce((s, r) => s + pick(r), 0);
      assert.equal(
        rowSum(invoiceRows, (r) => r.taxablePaise),
        invoice.taxablePaise,
      );
      assert.equal(
        rowSum(invoiceRows, (r) => r.cgstPaise + r.sgstPaise + r.igstPaise + r.cessPaise),
        invoice.taxPaise,
      );
      for (const note of ours) {
        const rows = rowsOf(note.noteNumber);
        assert.equal(rows[0].type, 'CRN');
        assert.equal(rows[0].against, invoice.invoiceNumber);
        assert.equal(
          rowSum(rows, (r) => r.taxablePaise),
          note.taxablePaise,
        );
        assert.equal(
          rowSum(rows, (r) => r.cgstPaise + r.sgstPaise + r.igstPaise),
          note.taxPaise,
        );
        assert.equal(rows[0].irn, note.irn);
      }
      const allInvoices = register.rows.filter((r: any) => r.type === 'INV');
      assert.equal(
        register.totals.invoices.taxablePaise,
        rowSum(allInvoices, (r) => r.taxablePaise),
      );
      const csv = await f.t.call('GET', '/api/gst-register.csv?from=2000-01-01&to=2100-01-01', { as: 'viewer' });
      assert.equal(csv.statusCode, 200);
      const csvLines = csv.body.trim().split('\r\n');
      assert.equal(csvLines.length, register.rows.length + 1);
      assert.match(csvLines[0], /^document_number,document_date,document_type,against_invoice,recipient_gstin/);
    });

    test('a return with nothing received gets no credit note; a bad range is refused', async () => {
      const [, , c] = f.variants;
      const { returnIds } = await returnedPo([{ variant: c, quantity: 1 }]);
      await call('POST', `/api/returns/${returnIds[0]}/receive`);
      const closed = await call('POST', `/api/returns/${returnIds[0]}/close`);
      assert.equal(closed.creditNote, null);
      assert.equal(closed.missing.length, 1);
      const bad = await f.t.call('GET', '/api/gst-register?from=2026-12-01&to=2026-11-01', { as: 'viewer' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.message, /before or where it starts/);
    });

    test('a superseded invoice has its IRN cancelled within 24 hours, and is flagged for the accountant past them', async () => {
      const [a] = f.variants;
      const irnOf = async (orderId: number) =>
        (
          await f.t.database.query<any>(`select id, irn from invoices where order_id = $1 and status = 'active'`, [
            orderId,
          ])
        ).rows[0];
      const fresh = await irnOf((await f.packThroughApi([{ variant: a, quantity: 1 }])).id);
      const late = await irnOf((await f.packThroughApi([{ variant: a, quantity: 1 }])).id);
      assert.ok(fresh.irn && late.irn, 'both invoices e-invoiced');

      const asViewer = await f.t.call('POST', `/api/invoices/${fresh.id}/supersede`, {
        as: 'viewer',
        body: { reason: 'order-cancelled', remark: 'Cancelled by the account manager' },
      });
      assert.equal(asViewer.statusCode, 403);
      const badReason = await f.t.call('POST', `/api/invoices/${fresh.id}/supersede`, {
        as: 'admin',
        body: { reason: 'because', remark: 'x' },
      });
      assert.equal(badReason.statusCode, 400);

      const within = await f.t.call('POST', `/api/invoices/${fresh.id}/supersede`, {
        as: 'admin',
        body: { reason: 'order-cancelled', remark: 'Cancelled by the account manager' },
      });
      assert.equal(within.statusCode, 200, within.body);
      assert.deepEqual([within.json().status, within.json().irnCancelStatus], ['void', 'cancelled']);
      assert.equal(irp.control.records().find((r) => r.irn === fresh.irn)!.status, 'CNL');

      // A day and an hour later the IRP refuses to cancel: the invoice is void in Weft and flagged.
      irp.control.advanceTime(25 * 60 * 60 * 1000);
      const past = await f.t.call('POST', `/api/invoices/${late.id}/supersede`, {
        as: 'admin',
        body: { reason: 'data-entry-mistake', remark: 'Wrong quantity' },
      });
      assert.equal(past.statusCode, 200, past.body);
      assert.deepEqual([past.json().status, past.json().irnCancelStatus], ['void', 'past_window']);
      assert.match(past.json().irnCancelError, /more than 24 hours ago.*Issue a credit note/);
      assert.equal(irp.control.records().find((r) => r.irn === late.irn)!.status, 'ACT');
      const flags = (await f.t.call('GET', '/api/invoices/irn-to-settle', { as: 'viewer' })).json().items as any[];
      assert.deepEqual(
        flags.map((i) => i.id),
        [late.id],
      );
      irp.control.advanceTime(-25 * 60 * 60 * 1000);
    });
  });
}
