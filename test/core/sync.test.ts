import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { createWarehouse } from '../../src/core/warehouses.ts';
import { channels } from '../../src/db/schema.ts';
import { advanceCursor, readCursor } from '../../src/core/sync/cursors.ts';
import { createRun, finishRun, getRun, recordResults, startRun, takeFailedRecords } from '../../src/core/sync/runs.ts';
import {
  claimEntry,
  enqueue,
  findByKey,
  markIndeterminate,
  markSucceeded,
  setOutboxStaleSeconds,
} from '../../src/core/sync/outbox.ts';
import { sendOnce } from '../../src/core/sync/outbox-send.ts';
import { AppError } from '../../src/core/errors.ts';

for (const kind of databaseKinds) {
  describe(`sync bookkeeping (${kind})`, () => {
    let database: TestDatabase;
    let channelId: number;
    before(async () => {
      database = await createTestDatabase(kind);
      const warehouse = await createWarehouse(
        database.db,
        { code: 'DEL1', name: 'Delhi', stateCode: '07', pincode: '110001' },
        't',
      );
      [{ id: channelId }] = await database.db
        .insert(channels)
        .values({ code: 'AJIO-1', type: 'ajio-jit', name: 'AJIO Delhi', warehouseId: warehouse.id })
        .returning();
    });
    after(() => database.dispose());

    test('a cursor only moves forward', async () => {
      assert.equal(await readCursor(database.db, channelId, 'orders'), null);
      assert.equal(
        await advanceCursor(database.db, channelId, 'orders', { at: '2026-11-01T00:00:00Z', page: 3 }),
        true,
      );
      assert.equal(await advanceCursor(database.db, channelId, 'orders', { at: '2026-10-01T00:00:00Z' }), false);
      assert.deepEqual(await readCursor(database.db, channelId, 'orders'), { at: '2026-11-01T00:00:00Z', page: 3 });
      assert.equal(await advanceCursor(database.db, channelId, 'orders', { at: '2026-11-02T00:00:00Z' }), true);
      assert.equal((await readCursor(database.db, channelId, 'orders'))?.at, '2026-11-02T00:00:00Z');
    });

    test('a run counts outcomes, keeps failed records, and ends partial', async () => {
      const run = await createRun(database.db, { channelId, stream: 'orders', trigger: 'manual' });
      await startRun(database.db, run.id, 4);
      await recordResults(database.db, run.id, [
        { key: 'PO1', outcome: 'created' },
        { key: 'PO2', outcome: 'unchanged' },
        { key: 'PO3', outcome: 'failed', message: 'SKU 460491724004 is not mapped', payload: { po: 'PO3' } },
      ]);
      await recordResults(database.db, run.id, [{ key: 'PO4', outcome: 'updated' }]);
      const finished = await finishRun(database.db, run.id);
      assert.equal(finished.status, 'partial');
      const shown = await getRun(database.db, run.id);
      assert.deepEqual(
        [shown.total, shown.done, shown.created, shown.updated, shown.unchanged, shown.failed],
        [4, 4, 1, 1, 1, 1],
      );
      assert.deepEqual(
        shown.records.map((r) => [r.recordKey, r.message]),
        [['PO3', 'SKU 460491724004 is not mapped']],
      );
      assert.equal((await takeFailedRecords(database.db, run.id)).length, 1);
      assert.equal((await takeFailedRecords(database.db, run.id)).length, 0, 'a record is taken for retry once');
      const broken = await createRun(database.db, { channelId, stream: 'skus', trigger: 'schedule' });
      assert.equal((await finishRun(database.db, broken.id, 'AJIO answered 500')).status, 'failed');
    });

    test('the outbox keeps one entry per idempotency key and hands each to one sender', async () => {
      const first = await enqueue(database.db, {
        channelId,
        kind: 'invoice',
        idempotencyKey: 'invoice:PO1',
        payload: { po: 'PO1' },
      });
      const again = await enqueue(database.db, {
        channelId,
        kind: 'invoice',
        idempotencyKey: 'invoice:PO1',
        payload: { po: 'PO1', x: 1 },
      });
      assert.equal(again.id, first.id);
      assert.deepEqual(again.payload, { po: 'PO1' });
      const claims = await Promise.all([claimEntry(database.db, first.id), claimEntry(database.db, first.id)]);
      assert.equal(claims.filter(Boolean).length, 1, 'two senders never take the same entry');
      const held = claims.find(Boolean)!;
      await markIndeterminate(database.db, first.id, 'timed out', held.attempts);
      const retried = await claimEntry(database.db, first.id);
      assert.equal(retried?.attempts, 2, 'an indeterminate entry is taken again');
      assert.equal(
        await markSucceeded(database.db, first.id, { invoice_number: 'INV1' }, held.attempts),
        false,
        'the first attempt no longer holds it',
      );
      assert.equal(await markSucceeded(database.db, first.id, { invoice_number: 'INV1' }, retried!.attempts), true);
    });

    test('a sender that stalled and was taken over applies its result once, and never over the newer sender', async () => {
      const applied: string[] = [];
      let release!: () => void;
      const stalled = new Promise<void>((resolve) => {
        release = resolve;
      });
      const call = (who: string, wait?: Promise<void>) =>
        sendOnce(database.db, {
          channelId,
          kind: 'cancel',
          idempotencyKey: 'cancel:PO9:stall',
          payload: {},
          what: 'the cancellation of PO9',
          send: async () => {
            await wait;
            return { by: who };
          },
          keep: (r) => r,
          apply: async (_tx, r) => {
            applied.push(r.by);
          },
        });
      setOutboxStaleSeconds(0);
      try {
        const slow = call('slow', stalled);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const fast = await call('fast');
        assert.deepEqual(
          fast,
          { stored: { by: 'fast' }, result: { by: 'fast' } },
          'a stale in-flight entry is taken over',
        );
        release();
        const late = await slow;
        assert.deepEqual(
          late,
          { stored: { by: 'fast' }, result: null },
          'the stalled sender answers with the newer outcome',
        );
        assert.deepEqual(applied, ['fast'], 'applied once');
        assert.deepEqual((await findByKey(database.db, 'cancel:PO9:stall'))?.response, { by: 'fast' });
      } finally {
        setOutboxStaleSeconds(300);
      }
    });

    test('a whole refusal marks the entry failed with the answer kept, and applies nothing', async () => {
      let applied = 0;
      await assert.rejects(
        sendOnce(database.db, {
          channelId,
          kind: 'cancel',
          idempotencyKey: 'cancel:PO8:refused',
          payload: {},
          what: 'the cancellation of PO8',
          send: async () => ({ lines: [{ error: 'already invoiced' }] }),
          keep: (r) => r,
          refusal: (r) => new AppError('conflict', `refused: ${r.lines[0].error}`),
          apply: async () => {
            applied += 1;
          },
        }),
        /refused: already invoiced/,
      );
      const entry = await findByKey(database.db, 'cancel:PO8:refused');
      assert.equal(entry?.status, 'failed');
      assert.deepEqual(entry?.response, { lines: [{ error: 'already invoiced' }] });
      assert.equal(applied, 0);
    });
  });
}
