import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { voidDocument } from '../../src/core/documents/store.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import { NO_PDFTOTEXT, pdfPages } from './pdf-tools.ts';

/**
 * Printing in one go: a PO's invoice then its labels as one PDF, a prefetched picklist's POs in
 * picklist order, a manifest's documents; a missing document refuses the whole bundle naming the PO;
 * and the same PDF sent to a network printer (a local socket standing in for it).
 */
for (const kind of databaseKinds) {
  describe(`print bundles (${kind})`, { skip: NO_PDFTOTEXT }, () => {
    let f: DispatchFixture;
    let picklist = '';
    let members: { id: number; poNumber: string }[] = [];

    const get = (url: string, as: 'viewer' | 'operator' | 'admin' | null = 'viewer') => f.t.call('GET', url, { as });
    const pdfOf = async (url: string) => {
      const res = await get(url);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/pdf');
      return { res, pdf: res.rawPayload };
    };
    const docs = async (orderId: number) =>
      (await get(`/api/documents?orderId=${orderId}`)).json().items as {
        id: number;
        kind: string;
        reference: string;
      }[];
    /** The invoice and the label the bundle must hold, read independently of the bundle code. */
    const expectedParts = async (orderId: number) => {
      const list = await docs(orderId);
      const [{ label_source: source }] = (
        await f.t.database.query<{ label_source: string }>(
          "select label_source from shipments where order_id = $1 and status = 'active'",
          [orderId],
        )
      ).rows;
      const invoice = list.find((d) => d.kind === 'invoice');
      const label =
        (source === 'marketplace' ? list.find((d) => d.kind === 'marketplace-label') : undefined) ??
        list.find((d) => d.kind === 'box-labels');
      assert.ok(invoice && label, `PO ${orderId} has an invoice and labels stored`);
      return [invoice, label];
    };
    const bytesOf = async (id: number) => (await pdfOf(`/api/documents/${id}`)).pdf;

    before(async () => {
      f = await createDispatchFixture(kind);
      for (const v of f.variants) await f.stock(v.sellerSku, 20);
      const [a, b, c] = f.variants;
      await f.raisePo([
        { sku: a.sellerSku, quantity: 2 },
        { sku: b.sellerSku, quantity: 1 },
      ]);
      await f.raisePo([{ sku: c.sellerSku, quantity: 1 }]);
      assert.equal((await f.run('orders')).status, 'succeeded');
      const patched = await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: { settings: { orders: { prepack: true } } },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      const made = await f.t.call('POST', '/api/picklists', { as: 'operator', body: { warehouse: 'MUM1' } });
      assert.equal(made.statusCode, 201, made.body);
      picklist = made.json().code;
      members = made.json().orders;
      assert.equal(members.length, 2);
    });
    after(() => f.close());

    test('before prefetch, the picklist and its POs are refused with what to do, not printed half', async () => {
      const res = await get(`/api/picklists/${picklist}/documents.pdf`);
      assert.equal(res.statusCode, 409);
      assert.match(res.json().error.message, new RegExp(`Picklist ${picklist} is not prefetched.*Prefetch deliveries`));
      const one = await get(`/api/orders/${members[0].id}/documents.pdf`);
      assert.equal(one.statusCode, 409);
      assert.match(
        one.json().error.message,
        new RegExp(
          `PO ${members[0].poNumber} has no invoice yet: it is being picked; the invoice is made when it is packed`,
        ),
      );
      assert.deepEqual(one.json().error.details.missing[0].missing, ['invoice', 'labels']);

      const prefetch = await f.t.call('POST', `/api/picklists/${picklist}/prefetch`, { as: 'operator' });
      assert.equal(prefetch.statusCode, 200, prefetch.body);
      assert.ok(
        prefetch.json().orders.every((o: { masterAwb?: string }) => o.masterAwb),
        prefetch.body,
      );
    });

    test("one PO: its invoice's pages, then its labels' pages, in one inline PDF; the same bytes twice", async () => {
      const { id, poNumber } = members[0];
      const { res, pdf } = await pdfOf(`/api/orders/${id}/documents.pdf`);
      assert.equal(res.headers['content-disposition'], `inline; filename="PO-${poNumber}.pdf"`);
      const [invoice, label] = await expectedParts(id);
      const invoicePages = pdfPages(await bytesOf(invoice.id));
      const labelPages = pdfPages(await bytesOf(label.id));
      const pages = pdfPages(pdf);
      assert.equal(pages.length, invoicePages.length + labelPages.length);
      assert.deepEqual(pages, [...invoicePages, ...labelPages], 'invoice first, then the labels');
      assert.ok(pages[0].includes(invoice.reference), 'the invoice number on the first page');
      assert.equal(res.headers['x-weft-document-ids'], `${invoice.id},${label.id}`);
      assert.ok((await get(`/api/orders/${id}/documents.pdf`)).rawPayload.equals(pdf), 'deterministic');
    });

    test('roles: a viewer prints, an anonymous caller is refused', async () => {
      assert.equal((await get(`/api/orders/${members[0].id}/documents.pdf`, null)).statusCode, 401);
      assert.equal((await get(`/api/picklists/${picklist}/documents.pdf`, null)).statusCode, 401);
      assert.equal((await get('/api/manifests/MF000001/documents.pdf', null)).statusCode, 401);
      assert.equal((await get('/api/settings/printer', null)).statusCode, 401);
      assert.equal(
        (await f.t.call('PUT', '/api/settings/printer', { as: 'operator', body: { host: '127.0.0.1' } })).statusCode,
        403,
      );
      assert.equal((await f.t.call('POST', `/api/orders/${members[0].id}/print`, { as: 'viewer' })).statusCode, 403);
    });

    test("the prefetched picklist: every PO's invoice and labels, in picklist order", async () => {
      const { res, pdf } = await pdfOf(`/api/picklists/${picklist}/documents.pdf`);
      assert.equal(res.headers['content-disposition'], `inline; filename="picklist-${picklist}.pdf"`);
      const expected: string[] = [];
      const ids: number[] = [];
      for (const m of members) {
        for (const part of await expectedParts(m.id)) {
          expected.push(...pdfPages(await bytesOf(part.id)));
          ids.push(part.id);
        }
      }
      assert.deepEqual(pdfPages(pdf), expected);
      assert.equal(res.headers['x-weft-document-ids'], ids.join(','));
    });

    test('the network printer: refused settings, the bundle PDF received byte for byte, a refusing printer named', async () => {
      const zpl = await f.t.call('PUT', '/api/settings/printer', { body: { host: '192.168.1.50', format: 'zpl' } });
      assert.equal(zpl.statusCode, 400);
      assert.match(zpl.json().error.message, /ZPL is not available/);
      const metadata = await f.t.call('PUT', '/api/settings/printer', { body: { host: '169.254.169.254' } });
      assert.equal(metadata.statusCode, 400);
      assert.match(metadata.json().error.message, /link-local/);
      assert.equal(
        (await f.t.call('POST', `/api/orders/${members[0].id}/print`, { as: 'operator' })).statusCode,
        409,
        'no printer set',
      );
      const lan = await f.t.call('PUT', '/api/settings/printer', { body: { host: '192.168.1.50' } });
      assert.equal(lan.statusCode, 200, lan.body);
      assert.deepEqual([lan.json().printer.port, lan.json().printer.format], [9100, 'pdf'], 'defaults');

      const received: Buffer[] = [];
      let done!: () => void;
      const closed = new Promise<void>((resolve) => {
        done = resolve;
      });
      const printer: Server = createServer((socket) => {
        socket.on('data', (chunk) => received.push(chunk));
        socket.on('end', () => {
          socket.end();
          done();
        });
      });
      await new Promise<void>((resolve) => printer.listen(0, '127.0.0.1', resolve));
      const { port } = printer.address() as AddressInfo;
      try {
        const set = await f.t.call('PUT', '/api/settings/printer', { body: { host: '127.0.0.1', port } });
        assert.equal(set.statusCode, 200, set.body);
        assert.equal((await get('/api/settings/printer')).json().printer.port, port);
        const { pdf } = await pdfOf(`/api/orders/${members[1].id}/documents.pdf`);
        const sent = await f.t.call('POST', `/api/orders/${members[1].id}/print`, { as: 'operator' });
        assert.equal(sent.statusCode, 200, sent.body);
        await closed;
        assert.equal(sent.json().bytes, pdf.length);
        assert.equal(sent.json().printer, `127.0.0.1:${port}`);
        assert.ok(Buffer.concat(received).equals(pdf), 'the printer received exactly the bundle PDF');
      } finally {
        await new Promise((resolve) => printer.close(resolve));
      }
      // Nothing listens on the port now: the connection is refused, and the answer names the printer.
      const refused = await f.t.call('POST', `/api/orders/${members[1].id}/print`, { as: 'operator' });
      assert.equal(refused.statusCode, 502);
      assert.match(
        refused.json().error.message,
        new RegExp(`printer at 127\\.0\\.0\\.1:${port} refused the connection`),
      );
      assert.equal((await f.t.call('DELETE', '/api/settings/printer')).statusCode, 204);
      assert.equal((await get('/api/settings/printer')).json().printer, null);
      const audited = await f.t.database.query<{ action: string; actor: string }>(
        "select action, actor from audit_log where entity = 'printer' order by id",
      );
      assert.deepEqual(
        audited.rows.map((r) => r.action),
        ['create', 'update', 'delete'],
        'every change audited, the refused ones not',
      );
    });

    test("a manifest: refused before dispatch; after it, Weft's manifest then the marketplace's", async () => {
      await f.readyAtAjio(2);
      const made = await f.t.call('POST', '/api/manifests', {
        as: 'operator',
        body: { channel: f.code, warehouse: 'MUM1' },
      });
      assert.equal(made.statusCode, 201, made.body);
      const code = made.json().items[0].code as string;
      const early = await get(`/api/manifests/${code}/documents.pdf`);
      assert.equal(early.statusCode, 409);
      assert.match(early.json().error.message, new RegExp(`Manifest ${code} has no manifest PDF yet.*dispatch`));
      const dispatched = await f.t.call('POST', `/api/manifests/${code}/dispatch`, { as: 'operator' });
      assert.equal(dispatched.statusCode, 200, dispatched.body);
      const shown = (await get(`/api/manifests/${code}`)).json().documents as {
        id: number;
        kind: string;
        voidedAt: string | null;
      }[];
      const own = shown.find((d) => d.kind === 'manifest' && !d.voidedAt);
      const marketplace = shown.find((d) => d.kind === 'marketplace-manifest' && !d.voidedAt);
      assert.ok(own && marketplace, 'both manifests stored');
      const { res, pdf } = await pdfOf(`/api/manifests/${code}/documents.pdf`);
      assert.equal(res.headers['content-disposition'], `inline; filename="manifest-${code}.pdf"`);
      assert.deepEqual(pdfPages(pdf), [...pdfPages(await bytesOf(own.id)), ...pdfPages(await bytesOf(marketplace.id))]);
    });

    test('a missing document refuses the whole picklist, naming the PO and what to do', async () => {
      const [invoice] = await expectedParts(members[1].id);
      await voidDocument(f.t.database.db, invoice.id, 'test: lost', 'test');
      const res = await get(`/api/picklists/${picklist}/documents.pdf`);
      assert.equal(res.statusCode, 409);
      const { message, details } = res.json().error;
      assert.match(message, new RegExp(`PO ${members[1].poNumber} has no invoice PDF for ${invoice.reference} yet`));
      assert.match(message, /retry from the pack station/);
      assert.ok(!message.includes(`PO ${members[0].poNumber}`), 'the complete PO is not named');
      assert.deepEqual(
        details.missing.map((m: { poNumber: string; missing: string[] }) => [m.poNumber, m.missing]),
        [[members[1].poNumber, ['invoice']]],
      );
    });
  });
}
