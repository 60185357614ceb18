import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createOrdersFixture, ordersSeller, type OrdersFixture } from '../helpers/orders-fixture.ts';

/**
 * Channel modes (issue 14): in shadow every pull runs and every write to AJIO is recorded in the
 * would-send log instead of being sent; canary sends only for the allowlisted SKUs and POs; live
 * sends everything. The same scripted scenario runs on a shadow and a live channel, each on its own
 * sandbox: the shadow sandbox receives nothing, and the shadow's would-send log is, call for call and
 * body for body, what the live sandbox received.
 */
type Wire = { method: string; path: string; body: unknown };

const ok = (res: { statusCode: number; body: string }, what: string) => {
  assert.ok(res.statusCode < 300, `${what}: ${res.statusCode} ${res.body}`);
};

/** Stock, POs at AJIO, every pull, an inventory push and a partial cancel: whatever writes these cause. */
async function scenario(f: OrdersFixture) {
  ok(
    await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { settings: { orders: { returnOrderSync: true } } } }),
    'returns on',
  );
  for (const v of f.variants.slice(0, 4)) {
    const moved = await f.t.call('POST', '/api/inventory/movements', {
      as: 'operator',
      body: { warehouse: 'MUM1', sku: v.sellerSku, kind: 'inbound', quantity: 10, reason: 'test stock' },
    });
    ok(moved, 'stock');
  }
  const v = f.variants;
  const a = (
    await f.raisePo([
      { sku: v[0].sku, quantity: 2 },
      { sku: v[1].sku, quantity: 1 },
    ])
  ).po_number;
  const b = (await f.raisePo([{ sku: v[2].sku, quantity: 1 }])).po_number;
  for (const stream of ['skus', 'backorders', 'orders', 'returns', 'inventory']) {
    const run = await f.run(stream);
    assert.equal(run.status, 'succeeded', `${stream}: ${run.error}`);
  }
  const idOf = async (po: string) => (await f.t.call('GET', `/api/orders?q=${po}`)).json().items[0].id as number;
  const ids = { a: await idOf(a), b: await idOf(b) };
  const line = (await f.t.call('GET', `/api/orders/${ids.a}`)).json().lines.find((l: any) => l.quantity === 2);
  const cancelBody = { reason: 'Out of stock', lines: [{ externalLineId: line.externalLineId, quantity: 1 }] };
  const cancelled = await f.t.call('POST', `/api/orders/${ids.a}/cancel`, { as: 'operator', body: cancelBody });
  return { po: { a, b }, ids, cancelBody, cancelled };
}

const wouldSend = async (f: OrdersFixture) => {
  const res = await f.t.call('GET', `/api/channels/${f.code}/would-send?hours=1`, { as: 'viewer' });
  ok(res, 'would-send');
  return res.json().items as (Wire & { call: string; subject: string; subjectKind: string; at: string })[];
};
const wire = ({ method, path, body }: Wire): Wire => ({ method, path, body });

async function pack(f: OrdersFixture, id: number, sku: string, box: string) {
  const call = (path: string, body: unknown) =>
    f.t.call('POST', `/api/orders/${id}/pack/${path}`, { as: 'operator', body });
  const opened = await call('box', { box });
  if (opened.statusCode >= 300) return opened;
  ok(await call('scan', { code: sku }), 'scan');
  ok(await call('close-box', { weightGrams: 300 }), 'close-box');
  return call('finish', {});
}

for (const kind of databaseKinds) {
  describe(`channel modes: shadow against live (${kind})`, () => {
    let shadow: OrdersFixture;
    let live: OrdersFixture;
    let shadowRun: Awaited<ReturnType<typeof scenario>>;
    let liveRun: Awaited<ReturnType<typeof scenario>>;

    before(async () => {
      shadow = await createOrdersFixture(kind, { styles: 2, mode: 'shadow', inventory: true });
      live = await createOrdersFixture(kind, { styles: 2, mode: 'live', inventory: true });
      shadowRun = await scenario(shadow);
      liveRun = await scenario(live);
    });
    after(async () => {
      await shadow?.close();
      await live?.close();
    });

    test('in shadow the sandbox receives nothing; the would-send log is exactly what live sent', async () => {
      ok(liveRun.cancelled, 'live cancel');
      assert.equal(shadowRun.cancelled.statusCode, 409, shadowRun.cancelled.body);
      assert.match(
        shadowRun.cancelled.json().error.message,
        new RegExp(`Channel ${shadow.code} is in shadow mode: cancel \\(PO ${shadowRun.po.a}\\) was recorded`),
      );
      const nothing = await shadow.sandbox.control.receivedAll(ordersSeller.username);
      assert.equal(nothing.nothing, true, JSON.stringify(nothing.counts));
      assert.deepEqual(nothing.writes, []);
      assert.equal((await shadow.sandbox.control.received(ordersSeller.username, 'inventory')).items.length, 0);

      const sent = (await live.sandbox.control.receivedAll(ordersSeller.username)).writes.map(wire);
      const logged = (await wouldSend(shadow)).reverse();
      assert.ok(sent.length >= 2, `live sent ${sent.length} writes`);
      assert.deepEqual(sent.map((w) => w.path).sort(), ['/orders/cancel', '/updateInventory']);
      assert.deepEqual(logged.map(wire), sent);
      assert.deepEqual(
        logged.map((l) => [l.call, l.subjectKind]),
        [
          ['inventory update', 'sku'],
          ['cancel', 'po'],
        ],
      );
      assert.equal(logged[1].subject, shadowRun.po.a);
    });

    test('shadow orders are visible but cannot be picked or packed; the refusal names the channel and mode', async () => {
      const order = (await shadow.t.call('GET', `/api/orders/${shadowRun.ids.b}`, { as: 'viewer' })).json();
      assert.equal(order.status, 'open');
      const picklist = await shadow.t.call('POST', '/api/picklists', {
        as: 'operator',
        body: { warehouse: 'MUM1', channel: shadow.code },
      });
      assert.equal(picklist.statusCode, 409, picklist.body);
      assert.match(picklist.json().error.message, new RegExp(`cannot be picked: channel ${shadow.code} is in shadow`));
      const packed = await pack(shadow, shadowRun.ids.b, shadow.variants[2].sellerSku, 'LPN-SHADOW-1');
      assert.equal(packed.statusCode, 409, packed.body);
      assert.match(
        packed.json().error.message,
        new RegExp(`PO ${shadowRun.po.b} cannot be packed: channel ${shadow.code} is in shadow mode.*canary.*live`),
      );
      assert.equal((await shadow.sandbox.control.receivedAll(ordersSeller.username)).nothing, true);
    });

    test('the withheld cancel leaves no entry waiting, listings say withheld, and going live sends both', async () => {
      const entries = await shadow.t.database.query<{ status: string; last_error: string }>(
        "select status, last_error from outbox where kind = 'cancel'",
      );
      assert.deepEqual(
        entries.rows.map((r) => r.status),
        ['withheld'],
      );
      const channel = (await shadow.t.call('GET', '/api/channels', { as: 'viewer' })).json().items[0];
      assert.equal(channel.pushes.waiting, 0);
      assert.equal(
        await shadow.count("select count(*)::int as n from listing_inventory where status <> 'withheld'"),
        0,
      );
      // A second inventory run in shadow resends nothing: a withheld figure is due again only when it changes.
      const before = (await wouldSend(shadow)).length;
      assert.equal((await shadow.run('inventory')).status, 'succeeded');
      assert.equal((await wouldSend(shadow)).length, before);

      const switched = await shadow.t.call('PUT', `/api/channels/${shadow.code}/mode`, { body: { mode: 'live' } });
      ok(switched, 'go live');
      assert.equal((await shadow.run('inventory')).status, 'succeeded');
      const again = await shadow.t.call('POST', `/api/orders/${shadowRun.ids.a}/cancel`, {
        as: 'operator',
        body: shadowRun.cancelBody,
      });
      ok(again, 'cancel once live');
      const received = await shadow.sandbox.control.receivedAll(ordersSeller.username);
      assert.deepEqual(received.writes.map((w) => w.path).sort(), ['/orders/cancel', '/updateInventory']);
      assert.equal(received.counts.cancellations, 1);
      assert.equal((await wouldSend(shadow)).length, before);
    });
  });

  describe(`channel modes: canary (${kind})`, () => {
    let f: OrdersFixture;
    let run: Awaited<ReturnType<typeof scenario>>;

    before(async () => {
      f = await createOrdersFixture(kind, { styles: 2, mode: 'shadow', inventory: true });
      run = await scenario(f);
    });
    after(async () => f?.close());

    test('one SKU and one PO allowed: AJIO receives inventory for that SKU only and documents for that PO only', async () => {
      const allowedSku = f.variants[1].sku;
      const changed = await f.t.call('PUT', `/api/channels/${f.code}/mode`, {
        body: { mode: 'canary', canarySkus: [allowedSku], canaryPos: [run.po.b] },
      });
      ok(changed, 'canary');
      assert.deepEqual(changed.json(), { mode: 'canary', canarySkus: [allowedSku], canaryPos: [run.po.b] });
      const logged = (await wouldSend(f)).length;
      // Leaving shadow asks for a full push: the allowed SKU's line goes out, the others are recorded.
      assert.equal((await f.run('inventory')).status, 'succeeded');
      const inventory = (await f.sandbox.control.received(ordersSeller.username, 'inventory')).items;
      assert.deepEqual(
        inventory.map((i: any) => i.sku),
        [allowedSku],
      );
      const kept = (await wouldSend(f)).slice(0, (await wouldSend(f)).length - logged);
      assert.equal(kept.length, 1);
      const keptSkus = (kept[0].body as any).inventoryList.map((l: any) => l.sku);
      assert.ok(!keptSkus.includes(allowedSku));
      assert.equal(keptSkus.length, f.variants.length - 1);

      // Picking takes only the allowed PO; packing the other is refused.
      const picklist = await f.t.call('POST', '/api/picklists', {
        as: 'operator',
        body: { warehouse: 'MUM1', channel: f.code },
      });
      ok(picklist, 'picklist');
      assert.deepEqual(
        picklist.json().orders.map((o: any) => o.poNumber),
        [run.po.b],
      );
      const refused = await pack(f, run.ids.a, f.variants[0].sellerSku, 'LPN-CANARY-A');
      assert.equal(refused.statusCode, 409, refused.body);
      assert.match(
        refused.json().error.message,
        new RegExp(
          `PO ${run.po.a} cannot be packed: channel ${f.code} is in canary mode and the PO is not on its allowlist`,
        ),
      );
      const packed = await pack(f, run.ids.b, f.variants[2].sellerSku, 'LPN-CANARY-B');
      ok(packed, 'pack allowed PO');

      const documents = new Set<string>();
      for (const kindOf of ['invoices', 'shipments'] as const) {
        const items = (await f.sandbox.control.received(ordersSeller.username, kindOf)).items as any[];
        assert.ok(items.length > 0, `${kindOf} received`);
        for (const i of items) documents.add(String(i.po_number ?? i.request?.po_number ?? i.poNumber));
      }
      assert.deepEqual([...documents], [run.po.b]);
      const writes = (await f.sandbox.control.receivedAll(ordersSeller.username)).writes;
      assert.ok(
        writes.every((w) => !JSON.stringify(w.body).includes(run.po.a)),
        JSON.stringify(writes),
      );
    });
  });

  describe(`channel modes: changing the mode (${kind})`, () => {
    let f: OrdersFixture;
    let po: string;

    before(async () => {
      f = await createOrdersFixture(kind, { styles: 1, mode: 'live' });
      po = (await f.raisePo([{ sku: f.variants[0].sku, quantity: 1 }])).po_number;
      assert.equal((await f.run('orders')).status, 'succeeded');
    });
    after(async () => f?.close());

    test('a new channel starts in shadow', async () => {
      const created = await f.t.call('POST', '/api/channels', {
        body: {
          type: 'ajio-jit',
          name: 'AJIO second',
          warehouse: 'MUM1',
          settings: { orderSyncFrom: '2026-11-01', returnSyncFrom: '2026-11-01', baseUrl: f.sandbox.url },
          interface: { username: 'DVMODE02', password: 'api-secret', isB2B: 'Yes' },
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().mode, 'shadow');
      const read = (await f.t.call('GET', `/api/channels/${created.json().code}`, { as: 'viewer' })).json();
      assert.deepEqual([read.mode, read.canarySkus, read.canaryPos], ['shadow', [], []]);
    });

    test('changing the mode is for admins, validated, and audited', async () => {
      const url = `/api/channels/${f.code}/mode`;
      for (const as of ['operator', 'viewer'] as const) {
        const refused = await f.t.call('PUT', url, { as, body: { mode: 'shadow' } });
        assert.equal(refused.statusCode, 403, `${as}: ${refused.body}`);
      }
      const unknownSku = await f.t.call('PUT', url, { body: { mode: 'canary', canarySkus: ['NO-SUCH-SKU'] } });
      assert.equal(unknownSku.statusCode, 400);
      assert.equal(unknownSku.json().error.field, 'canarySkus');
      assert.match(unknownSku.json().error.message, /SKU NO-SUCH-SKU is not listed on channel/);
      const unknownPo = await f.t.call('PUT', url, { body: { mode: 'canary', canaryPos: ['PO-NOPE'] } });
      assert.equal(unknownPo.statusCode, 400);
      assert.match(unknownPo.json().error.message, /PO PO-NOPE is not an order of channel/);
      const empty = await f.t.call('PUT', url, { body: { mode: 'canary' } });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.json().error.message, /both are empty/);
      const badMode = await f.t.call('PUT', url, { body: { mode: 'half' } });
      assert.equal(badMode.statusCode, 400);

      const changed = await f.t.call('PUT', url, { body: { mode: 'canary', canaryPos: [po, po] } });
      ok(changed, 'canary');
      assert.deepEqual(changed.json(), { mode: 'canary', canarySkus: [], canaryPos: [po] });
      const audited = await f.t.database.query<{ actor: string; before: any; after: any }>(
        "select actor, before, after from audit_log where action = 'change_mode' and entity_id = $1",
        [f.code],
      );
      assert.equal(audited.rows.length, 1);
      assert.equal(audited.rows[0].before.mode, 'live');
      assert.deepEqual(audited.rows[0].after, { mode: 'canary', canarySkus: [], canaryPos: [po] });
      const read = (await f.t.call('GET', `/api/channels/${f.code}`, { as: 'viewer' })).json();
      assert.equal(read.mode, 'canary');

      const hours = await f.t.call('GET', `/api/channels/${f.code}/would-send?hours=0`, { as: 'viewer' });
      assert.equal(hours.statusCode, 400);
    });
  });
}
