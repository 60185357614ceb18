import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createChannelFixture, seller, type ChannelFixture } from '../helpers/channel-fixture.ts';

/**
 * What the operations manager asks of the API (issue 13): sync runs by outcome, paged with the filter
 * kept; back orders per SKU with the reason for exceptions; a refused login shown on the channel until
 * a later login succeeds; one channel per POB id; sync-from dates not in the future; a refused login in
 * a connection test answered 422, not as an outage.
 */
// 4 styles × 4 sizes; even variants have a Weft SKU of the same code as their seller SKU, odd ones none.
for (const kind of databaseKinds) {
  describe(`the manager's API (${kind})`, () => {
    let f: ChannelFixture;
    const get = async (path: string) => {
      const response = await f.t.call('GET', path, { as: 'viewer' });
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };
    const variants = () => f.catalog.flatMap((p) => p.variants);
    const channelBody = (username: string, settings: Record<string, unknown> = {}) => ({
      type: 'ajio-jit',
      name: `AJIO ${username}`,
      warehouse: 'MUM1',
      settings: {
        orderSyncFrom: '2024-01-01',
        returnSyncFrom: '2024-01-01',
        baseUrl: f.sandbox.url,
        ...settings,
      },
      interface: { username, password: 'api-secret', isB2B: 'Yes' },
    });

    before(async () => {
      f = await createChannelFixture(kind, {
        styles: 4,
        master: (sellerSku, _ean, i) => (i % 2 === 0 ? { code: sellerSku } : null),
      });
      assert.equal((await f.run('skus')).status, 'succeeded');
    });
    after(() => f.close());

    test('sync runs filter by outcome and stream, and keyset paging keeps the filter', async () => {
      // Three back-order pulls that succeed, then three that are partial (a line of an unmapped listing).
      for (let i = 0; i < 3; i++) await f.run('backorders');
      const mapped = variants().filter((_, i) => i % 2 === 0);
      const unmapped = variants().filter((_, i) => i % 2 === 1);
      await f.sandbox.control.placeCustomerOrders(seller.username, [
        { lines: [{ sku: unmapped[0].sku, quantity: 1 }] },
      ]);
      for (let i = 0; i < 3; i++) assert.equal((await f.run('backorders')).status, 'partial');
      assert.ok(mapped.length > 0);

      const all = (await get(`/api/channels/${f.code}/sync-runs?limit=500`)).items as { id: number; status: string }[];
      const troubled = all.filter((r) => r.status === 'partial' || r.status === 'failed');
      assert.ok(troubled.length === 3 && troubled.length < all.length, JSON.stringify(all));

      // Two at a time: every page only troubled runs, newest first, and together all of them.
      const seen: number[] = [];
      let next: string | null = null;
      do {
        const page: { items: { id: number; status: string }[]; next: string | null } = await get(
          `/api/channels/${f.code}/sync-runs?status=failed,partial&limit=2${next ? `&after=${next}` : ''}`,
        );
        for (const r of page.items) assert.ok(['failed', 'partial'].includes(r.status), r.status);
        seen.push(...page.items.map((r) => r.id));
        next = page.next;
      } while (next);
      assert.deepEqual(
        seen,
        troubled.map((r) => r.id),
      );

      const backorderPartials = await get(`/api/channels/${f.code}/sync-runs?status=partial&stream=backorders`);
      assert.equal(backorderPartials.items.length, 3);
      const succeeded = await get(`/api/channels/${f.code}/sync-runs?status=succeeded&stream=backorders`);
      assert.equal(succeeded.items.length, 3);

      const unknown = await f.t.call('GET', `/api/channels/${f.code}/sync-runs?status=broken`, { as: 'viewer' });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.json().error.message, /There is no run status "broken"/);
    });

    test('back orders per SKU: open and reserved units, exceptions with the reason', async () => {
      const mapped = variants().filter((_, i) => i % 2 === 0);
      const unmapped = variants().filter((_, i) => i % 2 === 1);
      await f.sandbox.control.placeCustomerOrders(seller.username, [
        { lines: [{ sku: mapped[0].sku, quantity: 2 }] },
        { lines: [{ sku: mapped[0].sku, quantity: 1 }] },
      ]);
      assert.equal((await f.run('backorders')).status, 'partial');
      const bySku = (await get(`/api/channels/${f.code}/backorders/by-sku`)).items as Record<string, unknown>[];
      const row = (sku: string) => bySku.find((r) => r.channelSku === sku);
      assert.deepEqual(
        {
          ...row(mapped[0].sku),
          oldestOrderedAt: undefined,
        },
        {
          channelSku: mapped[0].sku,
          sku: mapped[0].sellerSku,
          openLines: 2,
          openUnits: 3,
          reservedUnits: 3,
          exceptionLines: 0,
          exceptionUnits: 0,
          exception: null,
          oldestOrderedAt: undefined,
        },
      );
      const exception = row(unmapped[0].sku)!;
      assert.deepEqual(
        [exception.sku, exception.openUnits, exception.reservedUnits, exception.exceptionUnits, exception.exception],
        [
          null,
          0,
          0,
          1,
          `AJIO SKU ${unmapped[0].sku} is not mapped to a Weft SKU: link it under Channel mappings, then retry.`,
        ],
      );
      const onlyExceptions = (await get(`/api/channels/${f.code}/backorders/by-sku?only=exception`)).items;
      assert.deepEqual(
        onlyExceptions.map((r: { channelSku: string }) => r.channelSku),
        [unmapped[0].sku],
      );
      // Paged by channel SKU.
      const first = await get(`/api/channels/${f.code}/backorders/by-sku?limit=1`);
      assert.equal(first.items.length, 1);
      const second = await get(`/api/channels/${f.code}/backorders/by-sku?limit=1&after=${first.next}`);
      assert.deepEqual(
        [...first.items, ...second.items].map((r: { channelSku: string }) => r.channelSku),
        bySku.slice(0, 2).map((r) => r.channelSku),
      );
      // The lines of one SKU, with their reason.
      const lines = await get(`/api/channels/${f.code}/backorders?channelSku=${unmapped[0].sku}`);
      assert.deepEqual(
        lines.items.map((l: { status: string; exception: string }) => [l.status, l.exception]),
        [['exception', exception.exception]],
      );
    });

    test('a refused login is noted on the channel for every stream until a later login succeeds', async () => {
      const channel = async () => (await get('/api/channels')).items.find((c: { code: string }) => c.code === f.code);
      assert.equal((await channel()).loginRefused, null);
      const wrong = await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { interface: { password: 'wrong' } } });
      assert.equal(wrong.statusCode, 200, wrong.body);
      const run = await f.run('orders');
      assert.equal(run.status, 'failed');
      const refused = (await channel()).loginRefused;
      assert.ok(refused, 'the refusal is on the channel');
      assert.match(refused.reason, /AJIO refused the channel's username or password \(INVALID_CREDENTIALS\)/);
      assert.ok(Date.parse(refused.at) <= Date.now());
      assert.deepEqual((await get(`/api/channels/${f.code}`)).loginRefused, refused);

      const tested = await f.t.call('POST', `/api/channels/${f.code}/test-connection`, { as: 'operator' });
      assert.equal(tested.statusCode, 422, tested.body);
      assert.equal(tested.json().error.code, 'login_refused');
      assert.match(tested.json().error.message, /username or password/);
      assert.ok((await channel()).loginRefused);

      await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { interface: { password: seller.password } } });
      assert.ok((await channel()).loginRefused, 'a new password alone proves nothing');
      assert.notEqual((await f.run('skus')).status, 'failed');
      assert.equal((await channel()).loginRefused, null, 'a later successful login clears it');

      await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { interface: { password: 'wrong' } } });
      assert.equal((await f.t.call('POST', `/api/channels/${f.code}/test-connection`)).statusCode, 422);
      assert.ok((await channel()).loginRefused, 'a refused connection test is noted too');
      await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { interface: { password: seller.password } } });
      assert.equal((await f.t.call('POST', `/api/channels/${f.code}/test-connection`)).statusCode, 200);
      assert.equal((await channel()).loginRefused, null);
    });

    test('test connection to an unreachable AJIO is still 503', async () => {
      const other = await f.t.call('POST', '/api/channels', {
        body: channelBody('DVDOWN01', { baseUrl: 'http://127.0.0.1:9' }),
      });
      assert.equal(other.statusCode, 201, other.body);
      const tested = await f.t.call('POST', `/api/channels/${other.json().code}/test-connection`);
      assert.equal(tested.statusCode, 503, tested.body);
    });

    test('one channel per POB id: adding or editing to a taken one is refused with 409 naming the other', async () => {
      const taken = await f.t.call('POST', '/api/channels', {
        body: channelBody(`DV${seller.username.slice(2).toLowerCase()}`),
      });
      assert.equal(taken.statusCode, 409, taken.body);
      assert.equal(taken.json().error.field, 'interface.username');
      assert.match(
        taken.json().error.message,
        new RegExp(`POB id ${seller.username} is already used by channel ${f.code} \\(AJIO JIT Bhiwandi\\)`),
      );
      const second = await f.t.call('POST', '/api/channels', { body: channelBody('DVSECOND1') });
      assert.equal(second.statusCode, 201, second.body);
      const code = second.json().code;
      const edit = await f.t.call('PATCH', `/api/channels/${code}`, {
        body: { interface: { username: seller.username } },
      });
      assert.equal(edit.statusCode, 409, edit.body);
      assert.match(edit.json().error.message, new RegExp(`already used by channel ${f.code}`));
      assert.equal((await get(`/api/channels/${code}`)).interface.username, 'DVSECOND1', 'nothing changed');
      // Its own POB id again is no conflict.
      const same = await f.t.call('PATCH', `/api/channels/${code}`, { body: { interface: { username: 'DVSECOND1' } } });
      assert.equal(same.statusCode, 200, same.body);

      // A channel saved before POB ids were kept is still counted.
      await f.t.database.query('update channels set account_key = null');
      const again = await f.t.call('POST', '/api/channels', { body: channelBody('DVSECOND1') });
      assert.equal(again.statusCode, 409, again.body);
      assert.match(again.json().error.message, new RegExp(`already used by channel ${code}`));
      // The database refuses it too.
      await assert.rejects(
        f.t.database.query(`update channels set account_key = $1 where code = $2`, [seller.username, code]),
      );
    });

    test('sync-from dates in the future are refused naming the field, on add and on edit', async () => {
      const future = await f.t.call('POST', '/api/channels', {
        body: channelBody('DVFUTURE1', { orderSyncFrom: '2030-01-01' }),
      });
      assert.equal(future.statusCode, 400, future.body);
      assert.equal(future.json().error.field, 'settings.orderSyncFrom');
      assert.match(
        future.json().error.message,
        /Order sync-from date 2030-01-01 is in the future: pick today or earlier/,
      );
      const edit = await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: { settings: { returnSyncFrom: '2031-05-05' } },
      });
      assert.equal(edit.statusCode, 400, edit.body);
      assert.equal(edit.json().error.field, 'settings.returnSyncFrom');
      assert.match(edit.json().error.message, /Return sync-from date 2031-05-05 is in the future/);
      const today = new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
      const ok = await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { settings: { orderSyncFrom: today } } });
      assert.equal(ok.statusCode, 200, ok.body);
    });
  });
}
