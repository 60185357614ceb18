import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createChannelFixture, type ChannelFixture } from '../helpers/channel-fixture.ts';
import { claimEntry, enqueue, markRetry, markSucceeded } from '../../src/core/sync/outbox.ts';

/**
 * Manage Channels shows what each channel still owes AJIO: pushes waiting in the outbox, those that
 * failed and are being retried with the last error, and since when — finished pushes do not count.
 */
for (const kind of databaseKinds) {
  describe(`pushes waiting per channel in Manage Channels (${kind})`, () => {
    let f: ChannelFixture;
    before(async () => {
      f = await createChannelFixture(kind, { styles: 1 });
    });
    after(() => f.close());

    const listed = async () => (await f.t.call('GET', '/api/channels', { as: 'viewer' })).json().items[0].pushes;

    test('nothing waiting, then one waiting, one retrying with its error; a sent push leaves the count', async () => {
      assert.deepEqual(await listed(), { waiting: 0, retrying: 0, oldestWaitingSince: null, lastError: null });
      const db = f.t.database.db;
      const [{ id: channelId }] = (await f.t.database.query<{ id: number }>('select id from channels')).rows;
      const sent = await enqueue(db, { channelId, kind: 'invoice', idempotencyKey: 'invoice:PO1', payload: {} });
      await enqueue(db, { channelId, kind: 'invoice', idempotencyKey: 'invoice:PO2', payload: {} });
      const failing = await enqueue(db, { channelId, kind: 'dispatch', idempotencyKey: 'dispatch:MF1', payload: {} });
      await claimEntry(db, failing.id);
      await markRetry(db, failing.id, 'AJIO answered 503: try again later');
      await claimEntry(db, sent.id);
      await markSucceeded(db, sent.id, {});

      const pushes = await listed();
      assert.equal(pushes.waiting, 2);
      assert.equal(pushes.retrying, 1);
      assert.equal(pushes.lastError, 'AJIO answered 503: try again later');
      assert.ok(Math.abs(Date.parse(pushes.oldestWaitingSince) - Date.now()) < 60_000);
    });
  });
}
