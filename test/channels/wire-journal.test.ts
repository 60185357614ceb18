import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { databaseKinds } from '../helpers/databases.ts';
import { createOrdersFixture, ordersSeller, type OrdersFixture } from '../helpers/orders-fixture.ts';
import { startWeft } from '../helpers/processes.ts';
import { wireJournalSettled } from '../../src/core/wire-journal/recorder.ts';
import { purgeWireJournal } from '../../src/core/wire-journal/store.ts';

/**
 * The wire journal end to end: a channel captures a sandbox scenario (SKU pull, back orders, PO pull,
 * an inventory push), the journal is downloaded over HTTP as NDJSON and `weft replay` — the real CLI,
 * in its own process — finds it clean; a journal edited to rename po_number fails on that line and
 * field. Secrets never reach it.
 */
for (const kind of databaseKinds) {
  describe(`wire journal and weft replay (${kind})`, () => {
    let f: OrdersFixture;
    let base: string;
    before(async () => {
      f = await createOrdersFixture(kind);
      await f.t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(f.t.app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await f.close();
    });

    const download = async (query = '') => {
      await wireJournalSettled();
      const res = await fetch(`${base}/api/channels/${f.code}/wire-journal.ndjson${query}`, {
        headers: { authorization: `Bearer ${f.t.tokens.admin}` },
      });
      assert.equal(res.status, 200, await res.clone().text());
      assert.match(res.headers.get('content-type') ?? '', /application\/x-ndjson/);
      return res.text();
    };

    test('off by default: calls are not captured until an admin turns the journal on', async () => {
      const status = await f.t.call('GET', `/api/channels/${f.code}/wire-journal`);
      assert.equal(status.statusCode, 200, status.body);
      assert.deepEqual({ enabled: status.json().enabled, days: status.json().days }, { enabled: false, days: 7 });
      assert.equal((await f.run('skus'))?.status, 'succeeded');
      assert.equal(await download(), '');
      const refused = await f.t.call('PUT', `/api/channels/${f.code}/wire-journal`, {
        as: 'operator',
        body: { enabled: true },
      });
      assert.equal(refused.statusCode, 403);
      const tooLong = await f.t.call('PUT', `/api/channels/${f.code}/wire-journal`, { body: { days: 400 } });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /between 1 and 90 days/);
    });

    test('a sandbox scenario is captured, downloaded over HTTP and replays clean; a renamed po_number fails', async () => {
      const on = await f.t.call('PUT', `/api/channels/${f.code}/wire-journal`, { body: { enabled: true, days: 3 } });
      assert.equal(on.statusCode, 200, on.body);
      assert.equal(on.json().enabled, true);

      // AJIO's clock passes the token's 30 minutes: the next call is refused and the client logs in
      // again, so the journal holds a login (password and token) to redact.
      await f.sandbox.control.advanceClock(31 * 60);
      assert.equal((await f.run('skus'))?.status, 'succeeded');
      const [a, b] = f.variants;
      await f.sandbox.control.placeCustomerOrders(ordersSeller.username, [
        { lines: [{ sku: a.sellerSku, quantity: 2 }] },
        { lines: [{ sku: b.sellerSku, quantity: 1 }] },
      ]);
      assert.equal((await f.run('backorders'))?.status, 'succeeded');
      const raised = await f.sandbox.control.raisePurchaseOrders(ordersSeller.username);
      assert.ok(raised.length >= 1);
      assert.equal((await f.run('orders'))?.status, 'succeeded');
      const enabled = await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: { settings: { inventory: { enabled: true } } },
      });
      assert.equal(enabled.statusCode, 200, enabled.body);
      await f.t.database.query(
        `insert into inventory_levels (warehouse_id, sku_id, on_hand)
         select c.warehouse_id, l.sku_id, 7 from channel_listings l join channels c on c.id = l.channel_id
         where l.channel_id = $1 and l.sku_id is not null
         on conflict (warehouse_id, sku_id) do update set on_hand = excluded.on_hand`,
        [f.channelId],
      );
      const pushed = await f.run('inventory');
      assert.ok(['succeeded', 'partial'].includes(String(pushed?.status)), JSON.stringify(pushed));

      const text = await download();
      const lines = text.trim().split('\n');
      const entries = lines.map((l) => JSON.parse(l));
      const calls = new Set(entries.map((e) => e.call));
      for (const call of [
        'POST /authToken',
        'GET /products',
        'GET /orders/pendency',
        'GET /orders',
        'POST /updateInventory',
      ])
        assert.ok(calls.has(call), `${call} is in the journal: ${[...calls].join(', ')}`);
      const po = entries.find((e) => e.call === 'GET /orders' && e.answerBody?.orders?.length);
      assert.ok(po, 'a PO answer was captured');
      assert.equal(po.channel, f.code);
      assert.equal(po.method, 'GET');
      assert.equal(po.status, 200);
      assert.equal(typeof po.durationMs, 'number');
      assert.ok(po.query.pageNumber, 'the query is kept');
      const push = entries.find((e) => e.call === 'POST /updateInventory');
      assert.ok(Array.isArray(push.requestBody.inventoryList), 'the request body is kept');
      // The channel's password and every token AJIO gave are gone, headers included.
      assert.ok(!text.includes(ordersSeller.password), 'no password in the journal');
      const login = entries.find((e) => e.call === 'POST /authToken');
      assert.equal(login.requestBody.password, '[redacted]');
      assert.equal(login.answerBody.result.accessToken, '[redacted]');
      assert.equal(po.requestHeaders.apiKey, '[redacted]');

      // A range: nothing before the scenario.
      assert.equal(await download(`?to=${encodeURIComponent(entries[0].at)}`), '');

      const dir = mkdtempSync(join(tmpdir(), 'weft-replay-'));
      const clean = join(dir, 'journal.ndjson');
      writeFileSync(clean, text);
      const replay = startWeft(null, ['replay', clean], {});
      assert.equal(await replay.exited, 0, replay.output());
      assert.match(replay.output(), /GET \/orders\s+checked \d+\s+passed \d+/);
      assert.match(replay.output(), /POST \/updateInventory\s+checked 1\s+passed 1/);
      assert.match(replay.output(), /Clean: every answer passes/);

      const index = entries.indexOf(po);
      const edited = [...lines];
      const entry = JSON.parse(lines[index]);
      for (const order of entry.answerBody.orders) {
        order.po_no = order.po_number;
        delete order.po_number;
      }
      edited[index] = JSON.stringify(entry);
      const drifted = join(dir, 'drifted.ndjson');
      writeFileSync(drifted, `${edited.join('\n')}\n`);
      const failing = startWeft(null, ['replay', drifted], {});
      assert.equal(await failing.exited, 1, failing.output());
      assert.match(
        failing.output(),
        new RegExp(`FAIL line ${index + 1} GET /orders: orders\\[\\*\\]\\.po_number: expected .*got missing`),
      );

      const broken = join(dir, 'broken.ndjson');
      writeFileSync(broken, `${lines[0]}\n{"call": "GET /orders", oops\n`);
      const malformed = startWeft(null, ['replay', broken], {});
      assert.equal(await malformed.exited, 1, malformed.output());
      assert.match(malformed.output(), /line 2 is not a wire journal entry: it is not JSON/);
    });

    test("the purge keeps the channel's number of days; turned off, nothing more is captured", async () => {
      const before = (await f.t.call('GET', `/api/channels/${f.code}/wire-journal`)).json().entries as number;
      assert.ok(before > 0);
      assert.equal(await purgeWireJournal(f.t.database.db, new Date(Date.now() + 2 * 86_400_000)), 0, 'within 3 days');
      const off = await f.t.call('PUT', `/api/channels/${f.code}/wire-journal`, { body: { enabled: false } });
      assert.equal(off.json().enabled, false);
      assert.equal((await f.run('orders'))?.status, 'succeeded');
      await wireJournalSettled();
      assert.equal((await f.t.call('GET', `/api/channels/${f.code}/wire-journal`)).json().entries, before);
      assert.equal(await purgeWireJournal(f.t.database.db, new Date(Date.now() + 4 * 86_400_000)), before);
      assert.equal((await f.t.call('GET', `/api/channels/${f.code}/wire-journal`)).json().entries, 0);
    });
  });
}
