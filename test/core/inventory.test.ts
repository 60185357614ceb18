import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { createWarehouse } from '../../src/core/warehouses.ts';
import { createSku } from '../../src/core/catalog/skus.ts';
import { getLevelWithLedger, listLevels, recordMovement } from '../../src/core/inventory/movements.ts';
import { AppError } from '../../src/core/errors.ts';

for (const kind of databaseKinds) {
  describe(`inventory ledger (${kind})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
      await createWarehouse(
        database.db,
        { code: 'BLR1', name: 'Bengaluru', stateCode: '29', pincode: '560001' },
        'test',
      );
      await createSku(database.db, { code: 'TEE-M', name: 'Tee M', mrpPaise: 99900 }, 'test');
    });
    after(() => database.dispose());

    const move = (kind: 'inbound' | 'adjust' | 'damage', quantity: number, reason = 'counted') =>
      recordMovement(database.db, { warehouse: 'BLR1', sku: 'TEE-M', kind, quantity, reason }, 'tester');

    test('inbound, adjust and damage move the level and each leaves a ledger line', async () => {
      assert.deepEqual(await move('inbound', 10, 'GRN 1'), { warehouse: 'BLR1', sku: 'TEE-M', onHand: 10, damaged: 0 });
      assert.deepEqual(await move('adjust', -3, 'cycle count'), {
        warehouse: 'BLR1',
        sku: 'TEE-M',
        onHand: 7,
        damaged: 0,
      });
      assert.deepEqual(await move('damage', 2, 'torn seam'), {
        warehouse: 'BLR1',
        sku: 'TEE-M',
        onHand: 5,
        damaged: 2,
      });
      const level = await getLevelWithLedger(database.db, 'blr1', 'TEE-M');
      assert.equal(level.onHand, 5);
      assert.deepEqual(
        level.ledger.map((m) => [m.kind, m.onHandDelta, m.damagedDelta, m.reason, m.actor]),
        [
          ['damage', -2, 2, 'torn seam', 'tester'],
          ['adjust', -3, 0, 'cycle count', 'tester'],
          ['inbound', 10, 0, 'GRN 1', 'tester'],
        ],
      );
      const sum = level.ledger.reduce((s, m) => s + m.onHandDelta, 0);
      assert.equal(sum, level.onHand, 'the level is the sum of its ledger');
    });

    test('taking out more than is on hand is refused, names the figures, and changes nothing', async () => {
      await assert.rejects(
        move('adjust', -50),
        (error) =>
          error instanceof AppError &&
          error.code === 'invalid' &&
          error.message === 'TEE-M has 5 on hand at BLR1; 50 cannot be taken out.',
      );
      await assert.rejects(move('damage', -1), /positive quantity/);
      assert.equal((await getLevelWithLedger(database.db, 'BLR1', 'TEE-M')).ledger.length, 3);
    });

    test('unknown warehouse or SKU is named', async () => {
      await assert.rejects(
        recordMovement(
          database.db,
          { warehouse: 'NOPE', sku: 'TEE-M', kind: 'inbound', quantity: 1, reason: 'x12' },
          't',
        ),
        /There is no warehouse with code NOPE/,
      );
      await assert.rejects(
        recordMovement(
          database.db,
          { warehouse: 'BLR1', sku: 'NOPE', kind: 'inbound', quantity: 1, reason: 'x12' },
          't',
        ),
        /There is no SKU with code NOPE/,
      );
    });

    test('concurrent movements on one level never lose an update', async () => {
      await Promise.all(Array.from({ length: 20 }, () => move('inbound', 1, 'parallel GRN')));
      const level = await getLevelWithLedger(database.db, 'BLR1', 'TEE-M', { limit: 1000 });
      assert.equal(level.onHand, 25);
      assert.equal(
        level.ledger.reduce((s, m) => s + m.onHandDelta, 0),
        25,
      );
    });

    test('levels list pages by warehouse and SKU', async () => {
      await createSku(database.db, { code: 'TEE-L', name: 'Tee L', mrpPaise: 99900 }, 'test');
      await recordMovement(
        database.db,
        { warehouse: 'BLR1', sku: 'TEE-L', kind: 'inbound', quantity: 4, reason: 'GRN 2' },
        't',
      );
      const first = await listLevels(database.db, { warehouse: 'BLR1', limit: 1 });
      assert.deepEqual(
        first.items.map((l) => l.sku),
        ['TEE-L'],
      );
      const second = await listLevels(database.db, { warehouse: 'BLR1', limit: 1, after: first.next! });
      assert.deepEqual(
        second.items.map((l) => [l.sku, l.onHand, l.damaged]),
        [['TEE-M', 25, 2]],
      );
      assert.equal(second.next, null);
    });
  });
}
