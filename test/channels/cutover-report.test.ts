import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { databaseKinds } from '../helpers/databases.ts';
import { createInventoryFixture, seller, type InventoryFixture, type Listing } from '../helpers/inventory-fixture.ts';

/**
 * The cut-over report on a scripted sandbox setup: a SKU with a buffer that Weft would raise, an
 * unmapped SKU, a SKU with a PO that Weft would lower, a PO Weft has packed that AJIO still shows
 * confirmed, and a PO AJIO does not know — exact figures, reasons, and the blocking items.
 */
interface Row {
  channelSku: string;
  sku: string | null;
  weftQty: number | null;
  marketplaceQty: number | null;
  difference: number | null;
  verdict: string;
  reasons: string[];
  why: string;
}

for (const kind of databaseKinds) {
  describe(`cut-over report (${kind})`, () => {
    let f: InventoryFixture;
    let buffered: Listing;
    let unmapped: Listing;
    let ordered: Listing;
    let ghost: Listing;
    let po: { order_id: string; po_number: string };
    const report = async (hours = 24) => {
      const res = await f.call('GET', `/api/channels/${f.channelCode}/cutover-report?hours=${hours}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const setAjio = async (listing: Listing, inventory: number) => {
      const token = await f.sandbox.login(seller.username, seller.password);
      const res = await fetch(`${f.sandbox.url}/updateInventory`, {
        method: 'POST',
        headers: { apiKey: token, 'content-type': 'application/json' },
        body: JSON.stringify({
          inventoryList: [
            { sku: listing.channelSku, productId: listing.productId, variantId: listing.variantId, inventory },
          ],
        }),
      });
      assert.equal(res.status, 200);
    };

    before(async () => {
      f = await createInventoryFixture(kind, { styles: 2 });
      [buffered, unmapped, ordered, ghost] = f.listings;
      await f.setOnHand(buffered, 10);
      await f.database.query('update channel_listings set buffer = 2 where id = $1', [buffered.listingId]);
      await f.database.query('update channel_listings set sku_id = null where id = $1', [unmapped.listingId]);
      await f.setOnHand(ordered, 6);
      // A real PO at AJIO (CONFIRMED there), which Weft has already packed.
      await setAjio(ordered, 20);
      await f.sandbox.control.placeCustomerOrders(seller.username, [
        { lines: [{ sku: ordered.channelSku, quantity: 2 }] },
      ]);
      [po] = await f.sandbox.control.raisePurchaseOrders(seller.username, { olderThanSeconds: 0 });
      assert.ok(po, 'the sandbox raised the PO');
      const {
        rows: [order],
      } = await f.database.query<{ id: number }>(
        `insert into orders (channel_id, warehouse_id, external_id, po_number, po_date, status, marketplace_status)
         values ($1, $2, $3, $4, now(), 'packed', 'CONFIRMED') returning id`,
        [f.channelId, f.warehouseId, po.order_id, po.po_number],
      );
      await f.database.query(
        `insert into order_lines (order_id, external_line_id, channel_sku, sku_id, quantity) values ($1, 'L1', $2, $3, 2)`,
        [order.id, ordered.channelSku, ordered.skuId],
      );
      // A PO Weft holds open that AJIO does not return.
      await f.addOrder('GHOST1', [{ listing: ghost, quantity: 1 }]);
      // AJIO's figures as the old system left them.
      await setAjio(buffered, 5);
      await setAjio(unmapped, 3);
      await setAjio(ordered, 9);
      await f.database.query("update channels set mode = 'shadow' where id = $1", [f.channelId]);
    });
    after(async () => {
      await f.sandbox.control.clearFaults();
      await f.close();
    });

    test('per SKU: both figures, the difference and why; coverage; per PO both statuses', async () => {
      const r = await report();
      assert.equal(r.channel.mode, 'shadow');
      const row = (l: Listing): Row => r.skus.find((s: Row) => s.channelSku === l.channelSku);
      assert.deepEqual(
        [row(buffered).weftQty, row(buffered).marketplaceQty, row(buffered).difference, row(buffered).verdict],
        [8, 5, -3, 'weft-higher'],
      );
      assert.deepEqual(row(buffered).reasons, ['on hand 10', 'buffer −2']);
      assert.match(row(buffered).why, /Weft would raise AJIO JIT \(B2B\)'s 5 to 8 \(on hand 10, buffer −2\)/);
      assert.deepEqual(
        [row(unmapped).weftQty, row(unmapped).marketplaceQty, row(unmapped).verdict, row(unmapped).sku],
        [null, 3, 'unmapped', null],
      );
      assert.match(row(unmapped).why, /Not mapped to a Weft SKU/);
      assert.deepEqual(
        [row(ordered).weftQty, row(ordered).marketplaceQty, row(ordered).difference, row(ordered).verdict],
        [4, 9, 5, 'weft-lower'],
      );
      assert.deepEqual(row(ordered).reasons, ['on hand 6', 'allocated to open POs −2']);
      assert.deepEqual(
        [row(ghost).weftQty, row(ghost).marketplaceQty, row(ghost).verdict, row(ghost).reasons],
        [0, 0, 'same', ['on hand 0', 'allocated to open POs −1', 'below zero, so 0']],
      );
      const rest = r.skus.filter(
        (s: Row) => ![buffered, unmapped, ordered, ghost].some((l) => l.channelSku === s.channelSku),
      );
      assert.ok(rest.length > 0);
      for (const s of rest) assert.deepEqual([s.weftQty, s.marketplaceQty, s.verdict], [0, 0, 'same'], s.channelSku);
      assert.deepEqual(r.coverage, {
        total: f.listings.length,
        mapped: f.listings.length - 1,
        unmapped: 1,
        notPulled: 0,
        inactive: 0,
        percentMapped: Math.floor(((f.listings.length - 1) * 100) / f.listings.length),
      });
      assert.equal(r.stock.read, true);
      assert.equal(r.pos.read, true);
      const pos = Object.fromEntries(r.pos.items.map((p: { poNumber: string }) => [p.poNumber, p])) as Record<
        string,
        { weftStatus: string; marketplaceStatus: string | null; verdict: string; blocking: boolean; source: string }
      >;
      assert.deepEqual(
        [
          pos[po.po_number].weftStatus,
          pos[po.po_number].marketplaceStatus,
          pos[po.po_number].verdict,
          pos[po.po_number].blocking,
          pos[po.po_number].source,
        ],
        ['packed', 'CONFIRMED', 'weft-ahead', false, 'fresh'],
      );
      assert.deepEqual([pos.GHOST1.verdict, pos.GHOST1.blocking], ['not-at-marketplace', true]);
    });

    test('"Ready to go live?": what blocks and what warns, each with what to do', async () => {
      const r = await report();
      assert.equal(r.summary.ready, false);
      assert.deepEqual(
        r.summary.blocking.map((i: { code: string }) => i.code),
        ['unmapped-skus', 'figure-above-marketplace', 'po-status-mismatch', 'no-rehearsal'],
      );
      assert.deepEqual(
        r.summary.warnings.map((i: { code: string }) => i.code),
        ['figure-below-marketplace', 'po-updates-withheld'],
      );
      const byCode = Object.fromEntries(r.summary.blocking.map((i: { code: string }) => [i.code, i]));
      assert.match(byCode['unmapped-skus'].detail, new RegExp(unmapped.channelSku));
      assert.match(byCode['unmapped-skus'].action, /Channel mappings/);
      assert.match(byCode['figure-above-marketplace'].detail, new RegExp(`${buffered.channelSku} \\(5 → 8\\)`));
      assert.match(byCode['po-status-mismatch'].detail, /GHOST1 \(Weft open, AJIO JIT \(B2B\) none\)/);
      assert.match(byCode['no-rehearsal'].detail, /withheld nothing in the last 24 hours/);
      for (const i of [...r.summary.blocking, ...r.summary.warnings]) assert.ok(i.action.length > 10, i.code);

      await f.database.query(
        "update channels set login_refused_at = now(), login_refused_reason = 'AJIO refused the login: invalid credentials' where id = $1",
        [f.channelId],
      );
      const refused = await report();
      await f.database.query('update channels set login_refused_at = null, login_refused_reason = null where id = $1', [
        f.channelId,
      ]);
      const login = refused.summary.blocking[0];
      assert.deepEqual([login.code, login.detail], ['login-refused', 'AJIO refused the login: invalid credentials']);
      assert.match(login.action, /Test connection/);
    });

    test('would-send: counts per call and the entries of the window, from would_send_log', async () => {
      const empty = await report();
      assert.deepEqual([empty.wouldSend.total, empty.wouldSend.counts, empty.wouldSend.entries], [0, [], []]);
      await f.database.query(
        `insert into would_send_log (channel_id, call, method, path, body, subject_kind, subject, mode, created_at) values
         ($1, 'inventory', 'POST', '/updateInventory', $2, 'sku', $3, 'shadow', now() - interval '2 hours'),
         ($1, 'inventory', 'POST', '/updateInventory', $2, 'sku', $3, 'shadow', now() - interval '1 hour'),
         ($1, 'invoice', 'POST', '/orders/b2bInvoice', '{"po_number":"P9"}', 'po', 'P9', 'shadow', now()),
         ($1, 'dispatch', 'POST', '/orders/dispatch', '{}', 'po', 'P8', 'shadow', now() - interval '30 hours')`,
        [
          f.channelId,
          JSON.stringify({ inventoryList: [{ sku: buffered.channelSku, inventory: 8 }] }),
          buffered.channelSku,
        ],
      );
      const r = await report();
      assert.equal(r.wouldSend.total, 3);
      assert.deepEqual(
        r.wouldSend.counts.map((c: { call: string; count: number; path: string }) => [c.call, c.path, c.count]),
        [
          ['inventory', '/updateInventory', 2],
          ['invoice', '/orders/b2bInvoice', 1],
        ],
      );
      assert.deepEqual(
        r.wouldSend.entries.map((e: { call: string; subject: string }) => [e.call, e.subject]),
        [
          ['invoice', 'P9'],
          ['inventory', buffered.channelSku],
          ['inventory', buffered.channelSku],
        ],
      );
      assert.deepEqual(r.wouldSend.entries[1].body, { inventoryList: [{ sku: buffered.channelSku, inventory: 8 }] });
      assert.ok(!r.summary.blocking.some((i: { code: string }) => i.code === 'no-rehearsal'), 'rehearsed now');
      assert.equal((await report(48)).wouldSend.total, 4, 'a wider window takes the older entry');
    });

    test('the CSV sections parse and match the JSON', async () => {
      const r = await report();
      const csv = async (section: string) => {
        const res = await f.call('GET', `/api/channels/${f.channelCode}/cutover-report.csv?section=${section}`);
        assert.equal(res.statusCode, 200, res.body);
        assert.match(String(res.headers['content-type']), /text\/csv/);
        assert.match(
          String(res.headers['content-disposition']),
          new RegExp(`cutover-${f.channelCode.toLowerCase()}-${section}.csv`),
        );
        return parse(res.body, { columns: true }) as Record<string, string>[];
      };
      const skus = await csv('skus');
      const text = (v: number | null) => (v === null ? '' : String(v));
      assert.deepEqual(
        skus.map((s) => [s.channel_sku, s.weft_qty, s.marketplace_qty, s.difference, s.verdict, s.reasons, s.why]),
        r.skus.map((s: Row) => [
          s.channelSku,
          text(s.weftQty),
          text(s.marketplaceQty),
          text(s.difference),
          s.verdict,
          s.reasons.join('; '),
          s.why,
        ]),
      );
      const pos = await csv('pos');
      assert.deepEqual(
        pos.map((p) => [p.po_number, p.weft_status, p.marketplace_status, p.verdict, p.blocking]),
        r.pos.items.map(
          (p: {
            poNumber: string;
            weftStatus: string;
            marketplaceStatus: string | null;
            verdict: string;
            blocking: boolean;
          }) => [p.poNumber, p.weftStatus, p.marketplaceStatus ?? '', p.verdict, p.blocking ? 'yes' : 'no'],
        ),
      );
      const sent = await csv('would-send');
      assert.deepEqual(
        sent.map((e) => [e.call, e.subject, JSON.parse(e.body)]),
        r.wouldSend.entries.map((e: { call: string; subject: string; body: unknown }) => [e.call, e.subject, e.body]),
      );
      const bad = await f.call('GET', `/api/channels/${f.channelCode}/cutover-report.csv?section=nope`);
      assert.equal(bad.statusCode, 400);
      assert.equal((await f.call('GET', '/api/channels/NOPE1/cutover-report')).statusCode, 404);
      const zero = await f.call('GET', `/api/channels/${f.channelCode}/cutover-report?hours=0`);
      assert.equal(zero.statusCode, 400);
      assert.match(zero.json().error.message, /hours is a whole number from 1 to 720/);
    });

    test('a dropped stock figure: drift in the report and in the channel list; AJIO unreachable is said', async () => {
      const listed = async () =>
        (await f.call('GET', '/api/channels')).json().items.find((c: { code: string }) => c.code === f.channelCode);
      assert.deepEqual((await listed()).contractDrift, { open: 0, lastSeenAt: null });
      await f.sandbox.control.changeFields({
        route: 'GET /products',
        path: 'products[*].variants[*].inventory',
        action: 'drop',
        count: -1,
      });
      const r = await report();
      await f.sandbox.control.clearFaults();
      const row = r.skus.find((s: Row) => s.channelSku === buffered.channelSku);
      assert.deepEqual([row.weftQty, row.marketplaceQty, row.verdict], [8, null, 'no-figure']);
      const codes = r.summary.blocking.map((i: { code: string }) => i.code);
      assert.ok(codes.includes('contract-drift') && codes.includes('no-stock-figure'), codes.join(', '));
      assert.equal(r.summary.openDrift, 1);
      const drift = (await listed()).contractDrift;
      assert.equal(drift.open, 1);
      assert.ok(drift.lastSeenAt);

      await f.sandbox.control.injectFaults({ faults: [{ route: 'GET /products', type: 'malformed-json', count: -1 }] });
      const down = await report();
      await f.sandbox.control.clearFaults();
      assert.equal(down.stock.read, false);
      assert.ok(down.stock.error);
      assert.ok(down.summary.blocking.some((i: { code: string }) => i.code === 'stock-unreadable'));
      const unknown = down.skus.find((s: Row) => s.channelSku === buffered.channelSku);
      assert.deepEqual([unknown.weftQty, unknown.marketplaceQty, unknown.verdict], [8, null, 'unknown']);
    });
  });
}
