import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { createWarehouse } from '../../src/core/warehouses.ts';
import { channels } from '../../src/db/schema.ts';
import { advanceCursor, readCursor } from '../../src/core/sync/cursors.ts';
import { createRun, finishRun, getRun, recordResults, startRun, takeFailedRecords } from '../../src/core/sync/runs.ts';
import { claimDue, enqueue, markIndeterminate, markSucceeded } from '../../src/core/sync/outbox.ts';

for (const kind of databaseKinds) {
  describe(`sync bookkeeping (${kind})`, () => {
    let database: TestDatabase;
    let channelId: number;
    before(async () => {
      database = await createTestDatabase(kind);
      const warehouse = await createWarehouse(database.db, { code: 'DEL1', name: 'Delhi', stateCode: '07', pincode: '110001' }, 't');
      [{ id: channelId }] = await database.db.insert(channels)
        .values({ code: 'AJIO-1', type: 'ajio-jit', name: 'AJIO Delhi', warehouseId: warehouse.id }).returning();
    });
    after(() => database.dispose());

    test('a cursor only moves forward', async () => {
      assert.equal(await readCursor(database.db, channelId, 'orders'), null);
      assert.equal(await advanceCursor(database.db, channelId, 'orders', { at: '2026-11-01T00:00:00Z', page: 3 }), true);
      assert.equal(await advanceCursor(database.db, channelId, 'orders', { at: '2026-10-01T00:00:00Z' }), false);
      assert.deepEqual(await readCursor(database.db, channelId, 'orders'), { at: '2026-11-01T00:00:00Z', page: 3 });
      assert.equal(await advanceCursor(database.db, channelId, 'orders', { at: '2026-11-02T00:00:00Z' }), true);
      assert.equal((await readCursor(database.db, channelId, 'orders'))?.at, '2026-11-02T00:00:00Z');
    });

    test('a run counts outcomes, keeps failed records, and ends partial', async () => {
      const run = await createRun(database.db, { channelId, stream: 'orders', trigger: 'manual' });
      await startRun(database.db, run.id, 4);
      await recordResults(database.db, run.id, [
        { key: 'PO1', outcome: 'created' }, { key: 'PO2', outcome: 'unchanged' },
        { key: 'PO3', outcome: 'failed', message: 'SKU 460491724004 is not mapped', payload: { po: 'PO3' } },
      ]);
      await recordResults(database.db, run.id, [{ key: 'PO4', outcome: 'updated' }]);
      const finished = await finishRun(database.db, run.id);
      assert.equal(finished.status, 'partial');
      const shown = await getRun(database.db, run.id);
      assert.deepEqual([shown.total, shown.done, shown.created, shown.updated, shown.unchanged, shown.failed], [4, 4, 1, 1, 1, 1]);
      assert.deepEqual(shown.records.map((r) => [r.recordKey, r.message]), [['PO3', 'SKU 460491724004 is not mapped']]);
      assert.equal((await takeFailedRecords(database.db, run.id)).length, 1);
      assert.equal((await takeFailedRecords(database.db, run.id)).length, 0, 'a record is taken for retry once');
      const broken = await createRun(database.db, { channelId, stream: 'skus', trigger: 'schedule' });
      assert.equal((await finishRun(database.db, broken.id, 'AJIO answered 500')).status, 'failed');
    });

    test('the outbox keeps one entry per idempotency key and hands each to one sender', async () => {
      const first = await enqueue(database.db, { channelId, kind: 'invoice', idempotencyKey: 'invoice:PO1', payload: { po: 'PO1' } });
      const again = await enqueue(database.db, { channelId, kind: 'invoice', idempotencyKey: 'invoice:PO1', payload: { po: 'PO1', x: 1 } });
      assert.equal(again.id, first.id);
      assert.deepEqual(again.payload, { po: 'PO1' });
      await enqueue(database.db, { channelId, kind: 'invoice', idempotencyKey: 'invoice:PO2', payload: { po: 'PO2' } });
      const [a, b] = await Promise.all([claimDue(database.db, 'invoice', 1), claimDue(database.db, 'invoice', 1)]);
      const claimed = [...a, ...b].map((e) => e.idempotencyKey).sort();
      assert.deepEqual(claimed, ['invoice:PO1', 'invoice:PO2'], 'two senders never take the same entry');
      await markSucceeded(database.db, first.id, { invoice_number: 'INV1' });
      const second = [...a, ...b].find((e) => e.idempotencyKey === 'invoice:PO2')!;
      await markIndeterminate(database.db, second.id, 'timed out', 0);
      const [retried] = await claimDue(database.db, 'invoice', 10);
      assert.equal(retried.idempotencyKey, 'invoice:PO2');
      assert.equal(retried.attempts, 2);
    });
  });
}
