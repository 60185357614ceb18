import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import { ordersSeller } from '../helpers/orders-fixture.ts';
import { havePdfTools, pdfBarcodes, pdfText } from '../helpers/pdf.ts';

/**
 * Manifests and dispatch against the sandbox: ready POs gathered into manifests (split at AJIO's cap),
 * dispatched to AJIO exactly once, orders shipped and their units out of stock, AJIO's refusals kept
 * with its message and retried, a lost answer read back — and both manifest PDFs read as a person would.
 */
for (const kind of databaseKinds) {
  describe(`manifests and dispatch against the sandbox (${kind})`, () => {
    let f: DispatchFixture;
    before(async () => {
      f = await createDispatchFixture(kind);
      for (const v of f.variants) await f.stock(v.sellerSku, 20);
    });
    after(async () => f.close());

    const create = (warehouse = 'MUM1') =>
      f.t.call('POST', '/api/manifests', { as: 'operator', body: { channel: f.code, warehouse } });
    const dispatch = (code: string) => f.t.call('POST', `/api/manifests/${code}/dispatch`, { as: 'operator' });
    const received = async () => (await f.sandbox.control.received(ordersSeller.username, 'manifests')).items;
    const orderStatus = async (id: number) => (await f.t.call('GET', `/api/orders/${id}`)).json().status as string;
    const documentBytes = async (id: number) => {
      const res = await f.t.app.inject({
        method: 'GET',
        url: `/api/documents/${id}`,
        headers: { authorization: `Bearer ${f.t.tokens.viewer}` },
      });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      return res.rawPayload;
    };

    test('packed POs go on a manifest, reach AJIO once, ship, leave stock; both manifest PDFs are kept', async () => {
      const [a, b, c] = f.variants;
      const one = await f.packThroughApi([
        { variant: a, quantity: 2 },
        { variant: b, quantity: 1 },
      ]);
      const two = await f.packThroughApi([{ variant: c, quantity: 1 }]);
      assert.equal(await orderStatus(one.id), 'ready_to_ship', 'ready to ship at pack (the default)');
      const before = { a: await f.onHand(a.sellerSku), b: await f.onHand(b.sellerSku), c: await f.onHand(c.sellerSku) };

      assert.equal(
        (await f.t.call('POST', '/api/manifests', { as: 'viewer', body: { channel: f.code, warehouse: 'MUM1' } }))
          .statusCode,
        403,
      );
      const made = await create();
      assert.equal(made.statusCode, 201, made.body);
      const [manifest] = made.json().items;
      assert.equal(made.json().items.length, 1);
      assert.match(manifest.code, /^MF\d{6}$/);
      assert.equal(manifest.status, 'draft');
      assert.deepEqual(
        manifest.items.map((i: { poNumber: string }) => i.poNumber).sort(),
        [one.poNumber, two.poNumber].sort(),
      );
      const again = await create();
      assert.equal(again.statusCode, 409);
      assert.match(again.json().error.message, /Nothing is ready to ship for .* at MUM1/);
      assert.equal((await received()).length, 0, 'nothing reaches AJIO before dispatch');

      const sent = await dispatch(manifest.code);
      assert.equal(sent.statusCode, 200, sent.body);
      const result = sent.json();
      assert.equal(result.status, 'dispatched');
      assert.equal(result.dispatchedNow, 2);
      assert.match(result.marketplaceManifestId, /^MF/);
      const calls = await received();
      assert.equal(calls.length, 1);
      assert.deepEqual(calls[0].request.map((i: { orderId: string }) => i.orderId).length, 2);
      for (const o of [one, two]) assert.equal(await orderStatus(o.id), 'shipped');
      assert.equal(await f.onHand(a.sellerSku), before.a - 2);
      assert.equal(await f.onHand(b.sellerSku), before.b - 1);
      assert.equal(await f.onHand(c.sellerSku), before.c - 1);
      const ledger = (await f.t.call('GET', `/api/inventory/levels/MUM1/${a.sellerSku}`)).json().ledger;
      assert.equal(ledger[0].kind, 'dispatch');
      assert.equal(ledger[0].onHandDelta, -2, 'one movement per SKU per order');
      assert.equal(ledger[0].reference, `${one.poNumber} / ${manifest.code}`);
      const detail = (await f.t.call('GET', `/api/orders/${one.id}`)).json();
      assert.deepEqual(
        detail.lines.map((l: { shippedQty: number; packedQty: number }) => l.shippedQty),
        detail.lines.map((l: { packedQty: number }) => l.packedQty),
      );

      const repeat = await dispatch(manifest.code);
      assert.equal(repeat.statusCode, 409);
      assert.match(repeat.json().error.message, /already dispatched/);
      assert.equal((await received()).length, 1, 'dispatching again sends nothing');

      const shown = (await f.t.call('GET', `/api/manifests/${manifest.code}`, { as: 'viewer' })).json();
      const weft = shown.documents.find((d: { kind: string }) => d.kind === 'manifest');
      const ajio = shown.documents.find((d: { kind: string }) => d.kind === 'marketplace-manifest');
      assert.ok(weft && ajio, JSON.stringify(shown.documents));
      const ajioPdf = await documentBytes(ajio.id);
      const listed = (
        await f.t.call('GET', `/api/manifests?channel=${f.code}&status=dispatched`, { as: 'viewer' })
      ).json();
      assert.ok(listed.items.some((m: { code: string }) => m.code === manifest.code));
      if (!havePdfTools) return;
      assert.ok(pdfText(ajioPdf).includes(result.marketplaceManifestId), "AJIO's manifest names its id");
      const pdf = await documentBytes(weft.id);
      const text = pdfText(pdf);
      assert.match(text, /Shipment Manifest/);
      assert.match(text, /Signature/);
      assert.match(text, /Total: 2 shipments, 3 boxes/);
      for (const item of shown.items) {
        assert.ok(text.includes(item.poNumber), `PO ${item.poNumber} printed`);
        assert.ok(text.includes(item.invoiceNumber), `invoice ${item.invoiceNumber} printed`);
        assert.ok(text.includes(item.masterAwb), `AWB ${item.masterAwb} printed`);
      }
      const codes = pdfBarcodes(pdf);
      assert.ok(codes.includes(manifest.code), 'the manifest id decodes');
      for (const item of shown.items) assert.ok(codes.includes(item.masterAwb), `master AWB ${item.masterAwb} decodes`);
    });

    test('ready to ship at manifest: a packed PO waits as packed and becomes ready to ship on the manifest', async () => {
      const patch = (at: string) =>
        f.t.call('PATCH', `/api/channels/${f.code}`, { body: { settings: { orders: { readyToShipAt: at } } } });
      assert.equal((await patch('manifest')).statusCode, 200);
      try {
        const packed = await f.packThroughApi([{ variant: f.variants[3], quantity: 1 }]);
        assert.equal(await orderStatus(packed.id), 'packed');
        const made = await create();
        assert.equal(made.statusCode, 201, made.body);
        assert.equal(await orderStatus(packed.id), 'ready_to_ship');
        const events = (await f.t.call('GET', `/api/orders/${packed.id}`)).json().events as {
          status: string;
          note: string;
        }[];
        assert.ok(
          events.some((e) => e.status === 'ready_to_ship' && e.note.includes(made.json().items[0].code)),
          JSON.stringify(events),
        );
        assert.equal((await dispatch(made.json().items[0].code)).json().status, 'dispatched');
      } finally {
        await patch('pack');
      }
    });

    test("AJIO's refusal stays on the manifest with its message; dispatching again after the fix ships it", async () => {
      const [good, bad] = await f.readyAtAjio(2);
      await f.t.database.query("update shipments set master_awb = 'WRONGAWB' where order_id = $1", [bad.id]);
      const code = (await create()).json().items[0].code as string;
      const first = await dispatch(code);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().status, 'partial');
      assert.deepEqual(
        first.json().refusedNow.map((r: { poNumber: string }) => r.poNumber),
        [bad.poNumber],
      );
      const shown = (await f.t.call('GET', `/api/manifests/${code}`)).json();
      const refused = shown.items.find((i: { poNumber: string }) => i.poNumber === bad.poNumber);
      assert.equal(refused.status, 'refused');
      assert.match(refused.message, /MASTER_AWB_MISMATCH/);
      assert.equal(refused.orderStatus, 'ready_to_ship');
      assert.equal(await orderStatus(good.id), 'shipped');

      await f.t.database.query('update shipments set master_awb = $2 where order_id = $1', [bad.id, bad.masterAwb]);
      const before = (await received()).length;
      const retry = await dispatch(code);
      assert.equal(retry.statusCode, 200, retry.body);
      assert.equal(retry.json().status, 'dispatched');
      assert.equal(retry.json().attempt, 2);
      const sentAgain = (await received()).slice(before);
      assert.deepEqual(
        sentAgain.map((c: { request: { orderId: string }[] }) => c.request.map((i) => i.orderId)),
        [[bad.orderId]],
        'only the refused PO is sent again',
      );
      assert.equal(await orderStatus(bad.id), 'shipped');
      const docs = (await f.t.call('GET', `/api/manifests/${code}`))
        .json()
        .documents.filter((d: { kind: string }) => d.kind === 'manifest');
      assert.equal(docs.filter((d: { voidedAt: string | null }) => !d.voidedAt).length, 1, 'one live Weft manifest');
      assert.match(docs.find((d: { voidedAt: string | null }) => d.voidedAt).voidReason, /superseded/);
      if (!havePdfTools) return;
      const live = docs.find((d: { voidedAt: string | null }) => !d.voidedAt);
      const pdf = (
        await f.t.app.inject({
          method: 'GET',
          url: `/api/documents/${live.id}`,
          headers: { authorization: `Bearer ${f.t.tokens.viewer}` },
        })
      ).rawPayload;
      const text = pdfText(pdf);
      for (const po of [good, bad]) assert.ok(text.includes(po.poNumber) && text.includes(po.invoiceNumber));
      const codes = pdfBarcodes(pdf);
      for (const po of [good, bad]) assert.ok(codes.includes(po.masterAwb), `master AWB ${po.masterAwb} decodes`);
    });

    test('a dispatch whose answer is lost is read back from AJIO and never sent twice', async () => {
      const ready = await f.readyAtAjio(3);
      const code = (await create()).json().items[0].code as string;
      const before = (await received()).length;
      await f.sandbox.control.injectFaults({
        route: 'POST /orders/dispatch',
        type: 'timeout',
        processed: true,
        holdMs: 100,
      });
      const sent = await dispatch(code);
      assert.equal(sent.statusCode, 200, sent.body);
      assert.equal(sent.json().status, 'dispatched');
      assert.equal(sent.json().dispatchedNow, 3);
      assert.equal((await received()).length, before + 1, 'AJIO got the dispatch once');
      for (const po of ready) assert.equal(await orderStatus(po.id), 'shipped');
      assert.equal((await dispatch(code)).statusCode, 409);
      assert.equal((await received()).length, before + 1);
      const outbox = await f.count(
        "select count(*)::int as n from outbox where kind = 'dispatch' and idempotency_key like $1",
        [`dispatch:${code}:%`],
      );
      assert.equal(outbox, 1);
    });

    test('AJIO unreachable: nothing changes, and the same attempt is sent when it is back', async () => {
      const ready = await f.readyAtAjio(1);
      const code = (await create()).json().items[0].code as string;
      await f.sandbox.control.injectFaults({ route: 'POST /orders/dispatch', type: '500', count: 1 });
      const failed = await dispatch(code);
      assert.equal(failed.statusCode, 503, failed.body);
      assert.equal(await orderStatus(ready[0].id), 'ready_to_ship');
      await f.sandbox.control.clearFaults();
      const sent = await dispatch(code);
      assert.equal(sent.statusCode, 200, sent.body);
      assert.equal(sent.json().attempt, 1, 'the unfinished attempt is completed, not a new one started');
      assert.equal(await orderStatus(ready[0].id), 'shipped');
    });

    test('more than 250 ready POs make several manifests, each within the cap', async () => {
      const warehouse = (
        await f.t.call('POST', '/api/warehouses', {
          body: { code: 'DEL1', name: 'Delhi', stateCode: '07', pincode: '110001' },
        })
      ).json();
      const db = f.t.database;
      await db.query(
        `with o as (
          insert into orders (channel_id, warehouse_id, external_id, po_number, po_date, status)
          select $1, $2, 'OID-DEL-' || n, 'PO-DEL-' || lpad(n::text, 4, '0'), now(), 'ready_to_ship' from generate_series(1, 260) n returning id, po_number)
        , i as (insert into invoices (order_id, invoice_number, invoice_date, taxable_paise, tax_paise, total_paise)
          select id, 'INV-' || po_number, now(), 100, 5, 105 from o)
        , l as (insert into order_lines (order_id, external_line_id, channel_sku, quantity, packed_qty)
          select id, po_number || '-1', 'AJ-PACKED', 1, 1 from o)
        insert into shipments (order_id, master_awb, label_source) select id, 'AWB-' || po_number, 'marketplace' from o`,
        [f.channelId, warehouse.id],
      );
      const made = await create('DEL1');
      assert.equal(made.statusCode, 201, made.body);
      assert.deepEqual(
        made.json().items.map((m: { orders: number }) => m.orders),
        [250, 10],
      );
      const all = made.json().items.flatMap((m: { items: { poNumber: string }[] }) => m.items.map((i) => i.poNumber));
      assert.equal(new Set(all).size, 260, 'every PO on exactly one manifest');
      assert.equal((await create('DEL1')).statusCode, 409);
    });

    test('with order sync off no manifest is made, with the reason', async () => {
      const patch = (on: boolean) =>
        f.t.call('PATCH', `/api/channels/${f.code}`, { body: { settings: { orders: { orderSync: on } } } });
      assert.equal((await patch(false)).statusCode, 200);
      try {
        const refused = await create();
        assert.equal(refused.statusCode, 409);
        assert.match(refused.json().error.message, /Order sync is off for channel/);
      } finally {
        await patch(true);
      }
    });
  });
}
