import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createInventoryFixture, type InventoryFixture } from '../helpers/inventory-fixture.ts';

/**
 * The contract guard on answers to Weft's writes and logins: a needed field AJIO drops or re-types
 * raises one drift event naming the call and the field, and what depends on it is held — an inventory
 * batch stays 'submitted' and is sent again, a login with an unreadable token is not used.
 */
interface DriftRow {
  call: string;
  field: string;
  got: string;
  count: number;
}

for (const kind of databaseKinds) {
  describe(`contract guard on write and login answers (${kind})`, () => {
    let f: InventoryFixture;
    const drift = async (call: string): Promise<DriftRow[]> =>
      (await f.call('GET', `/api/channels/${f.channelCode}/contract-drift`))
        .json()
        .items.filter((e: DriftRow) => e.call === call);
    const pushStates = async () =>
      (
        await f.database.query<{ status: string; message: string | null }>(
          'select li.status, li.message from listing_inventory li join channel_listings l on l.id = li.listing_id where l.channel_id = $1',
          [f.channelId],
        )
      ).rows;

    before(async () => {
      f = await createInventoryFixture(kind, { styles: 2 });
    });
    after(async () => {
      await f.sandbox.control.clearFaults();
      await f.close();
    });

    test('an inventory answer without its status: a drift event, the batch held as submitted and sent again', async () => {
      await f.setOnHandAll(4);
      await f.sandbox.control.changeFields({
        route: 'POST /updateInventory',
        path: 'status',
        action: 'drop',
        count: -1,
      });
      const run = await f.run('inventory');
      assert.equal(run.failed, f.listings.length, 'no figure taken for accepted');
      const events = await drift('POST /updateInventory');
      assert.deepEqual(
        events.map((e) => [e.call, e.field, e.got]),
        [['POST /updateInventory', 'status', 'missing']],
      );
      const held = await pushStates();
      assert.equal(held.length, f.listings.length);
      for (const s of held) {
        assert.equal(s.status, 'submitted');
        assert.match(
          s.message ?? '',
          /Contract drift: AJIO's answer to POST \/updateInventory .*status: expected a batch status/,
        );
      }
      await f.sandbox.control.clearFaults();
      const again = await f.run('inventory');
      assert.equal(again.updated, f.listings.length, 'sent again once AJIO answers in full');
      assert.ok((await pushStates()).every((s) => s.status === 'success'));
    });

    test('a failure list of another type is drift, not "nothing failed"', async () => {
      await f.setOnHandAll(5);
      await f.sandbox.control.changeFields({
        route: 'POST /updateInventory',
        path: 'failedProductList',
        action: 'retype',
        value: 'none',
        count: 1,
      });
      const run = await f.run('inventory');
      await f.sandbox.control.clearFaults();
      assert.equal(run.updated, 0);
      const events = await drift('POST /updateInventory');
      const retyped = events.find((e) => e.field === 'failedProductList');
      assert.ok(retyped, JSON.stringify(events));
      assert.equal(retyped.got, 'a string "none"');
      assert.ok((await pushStates()).every((s) => s.status === 'submitted'));
    });

    test('a login answer whose token is not text: a drift event, the token never used', async () => {
      await f.sandbox.control.changeFields({
        route: 'POST /authToken',
        path: 'result.accessToken',
        action: 'retype',
        value: 12345,
        count: 1,
      });
      // A changed setting gives the channel a new client, which logs in afresh.
      const patched = await f.call('PATCH', `/api/channels/${f.channelCode}`, { settings: { rateLimitPerSecond: 49 } });
      assert.equal(patched.statusCode, 200, patched.body);
      const run = await f.run('inventory');
      assert.equal(run.updated, 0, 'nothing sent with an unreadable token');
      for (const st of await pushStates())
        assert.match(st.message ?? '', /Contract drift: AJIO's answer to POST \/authToken .*result\.accessToken/);
      const [event] = await drift('POST /authToken');
      assert.deepEqual([event.field, event.got], ['result.accessToken', 'a number [redacted]']);
      const channel = (await f.call('GET', `/api/channels/${f.channelCode}`)).json();
      assert.equal(channel.loginRefused, null, 'an unreadable answer is not a refused password');
      const next = await f.run('inventory');
      assert.equal(next.status, 'succeeded', next.error ?? '');
    });
  });
}
