import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createChannelFixture, seller, type ChannelFixture } from '../helpers/channel-fixture.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { workQueuedRun } from '../helpers/sync-runs-work.ts';

/**
 * The sync-run API the console's run pages use: runs paged by id, a run's failed records paged, and
 * a retry of one failed record or of all that no retry took yet — checked through the real queue data.
 */
for (const kind of databaseKinds) {
  describe(`sync runs API (${kind})`, () => {
    let f: ChannelFixture;
    const variants = () => f.sandbox.sandbox.state.sellers.get(seller.username)!.catalog.variants;

    before(async () => {
      f = await createChannelFixture(kind, { styles: 4, master: (sellerSku) => ({ code: sellerSku }) });
    });
    after(() => f.close());

    test('runs of a channel page newest first, by stream', async () => {
      for (let i = 0; i < 3; i++) await f.run('skus');
      await f.run('backorders');
      const first = (
        await f.t.call('GET', `/api/channels/${f.code}/sync-runs?stream=skus&limit=2`, { as: 'viewer' })
      ).json();
      assert.equal(first.items.length, 2);
      assert.ok(first.items.every((r: { stream: string }) => r.stream === 'skus'));
      assert.ok(first.items[0].id > first.items[1].id, 'newest first');
      const rest = (
        await f.t.call('GET', `/api/channels/${f.code}/sync-runs?stream=skus&limit=2&after=${first.next}`)
      ).json();
      assert.deepEqual([rest.items.length, rest.next], [1, null]);
      assert.ok(rest.items[0].id < first.items[1].id);
      const all = (await f.t.call('GET', `/api/channels/${f.code}/sync-runs`)).json();
      assert.equal(all.items.length, 4);
    });

    test('failed records page; one is retried alone, then the rest together; a taken record is refused', async () => {
      const broken = [3, 7, 11].map((i) => variants()[i]);
      const mrps = broken.map((v) => v.mrpPaise);
      for (const v of broken) v.mrpPaise = Number.NaN;
      const run = await f.run('skus');
      assert.deepEqual([run.status, run.failed], ['partial', 3]);
      broken.forEach((v, i) => {
        v.mrpPaise = mrps[i] + 500;
      });

      const shown = (await f.t.call('GET', `/api/sync-runs/${run.id}`, { as: 'viewer' })).json();
      assert.deepEqual([shown.channel, shown.untried, shown.failed], [f.code, 3, 3]);
      const page = (await f.t.call('GET', `/api/sync-runs/${run.id}/records?limit=2`, { as: 'viewer' })).json();
      assert.equal(page.items.length, 2);
      const rest = (await f.t.call('GET', `/api/sync-runs/${run.id}/records?limit=2&after=${page.next}`)).json();
      assert.deepEqual([rest.items.length, rest.next], [1, null]);
      const records = [...page.items, ...rest.items] as { id: number; recordKey: string; message: string }[];
      assert.deepEqual(records.map((r) => r.recordKey).sort(), broken.map((v) => v.variantId).sort());
      assert.match(records[0].message, /mrp is missing/);

      const one = await f.t.call('POST', `/api/sync-runs/${run.id}/retry`, {
        as: 'operator',
        body: { record: records[1].id },
      });
      assert.equal(one.statusCode, 202, one.body);
      const retriedOne = await workQueuedRun(f.t, one.json().runId);
      assert.deepEqual(
        [retriedOne.status, retriedOne.trigger, retriedOne.done, retriedOne.updated],
        ['succeeded', 'retry', 1, 1],
      );
      const afterOne = (await f.t.call('GET', `/api/sync-runs/${run.id}`)).json();
      assert.equal(afterOne.untried, 2, 'only the one record was taken');
      assert.deepEqual(
        afterOne.records.filter((r: { retriedAt: string | null }) => r.retriedAt).map((r: { id: number }) => r.id),
        [records[1].id],
      );

      const again = await f.t.call('POST', `/api/sync-runs/${run.id}/retry`, { body: { record: records[1].id } });
      assert.equal(again.statusCode, 409);
      assert.match(
        again.json().error.message,
        new RegExp(`Record ${records[1].recordKey} of run ${run.id} was already retried`),
      );
      assert.equal(again.json().error.field, 'record');
      const stranger = await f.t.call('POST', `/api/sync-runs/${retriedOne.id}/retry`, {
        body: { record: records[0].id },
      });
      assert.equal(stranger.statusCode, 400);
      assert.equal(stranger.json().error.message, `Run ${retriedOne.id} has no failed record ${records[0].id}.`);

      const all = await f.t.call('POST', `/api/sync-runs/${run.id}/retry`, { as: 'operator' });
      assert.equal(all.statusCode, 202, all.body);
      const retriedAll = await workQueuedRun(f.t, all.json().runId);
      assert.deepEqual([retriedAll.status, retriedAll.done, retriedAll.updated], ['succeeded', 2, 2]);
      assert.equal((await f.t.call('GET', `/api/sync-runs/${run.id}`)).json().untried, 0);
      const none = await f.t.call('POST', `/api/sync-runs/${run.id}/retry`);
      assert.equal(none.statusCode, 409);
      assert.match(none.json().error.message, /no failed records left to retry/);
      const fixed = (await f.t.call('GET', `/api/channels/${f.code}/listings?q=${broken[0].variantId}`)).json()
        .items[0];
      assert.equal(fixed.mrpPaise, mrps[0] + 500);
    });

    test('a viewer reads runs and records but cannot retry', async () => {
      const [latest] = (await f.t.call('GET', `/api/channels/${f.code}/sync-runs?limit=1`, { as: 'viewer' })).json()
        .items;
      const refused = await f.t.call('POST', `/api/sync-runs/${latest.id}/retry`, { as: 'viewer' });
      assert.equal(refused.statusCode, 403);
      assert.equal((await f.t.call('GET', '/api/sync-runs/999999/records', { as: 'viewer' })).statusCode, 404);
    });
  });
}
