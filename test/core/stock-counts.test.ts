import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { importStockCsv } from '../../src/core/inventory/stock-import.ts';
import { recordMovement } from '../../src/core/inventory/movements.ts';
import { CsvRecordReader, type CsvRecord } from '../../src/core/inventory/csv-records.ts';

/**
 * The stock count import's promise, checked on random files: after an import every counted level
 * equals its count, the ledger explains it (the level is the sum of its movements, the count's own
 * movement is the difference), and counts racing with picks never leave a level that its ledger does
 * not explain.
 */
const warehouses = ['MUM1', 'DEL1', 'BLR1'];
const skuCodes = Array.from({ length: 40 }, (_, i) => `PROP-${String(i).padStart(3, '0')}`);

async function seed(database: TestDatabase) {
  for (const [i, code] of warehouses.entries())
    await database.query('insert into warehouses (code, name, state_code, pincode) values ($1, $1, $2, $3)', [
      code,
      ['27', '07', '29'][i],
      '421302',
    ]);
  await database.query(
    `insert into skus (code, name, mrp_paise) select code, code, 49900 from unnest($1::text[]) as code`,
    [skuCodes],
  );
}

const levels = async (database: TestDatabase) => {
  const { rows } = await database.query<{ w: string; s: string; on_hand: number; ledger: string }>(
    `select w.code as w, s.code as s, l.on_hand,
            (select coalesce(sum(m.on_hand_delta), 0) from inventory_movements m
              where m.warehouse_id = l.warehouse_id and m.sku_id = l.sku_id) as ledger
       from inventory_levels l join warehouses w on w.id = l.warehouse_id join skus s on s.id = l.sku_id`,
  );
  return new Map(rows.map((r) => [`${r.w}/${r.s}`, { onHand: Number(r.on_hand), ledger: Number(r.ledger) }]));
};

const pairArb = fc.record({
  warehouse: fc.constantFrom(...warehouses),
  sku: fc.constantFrom(...skuCodes),
  count: fc.integer({ min: 0, max: 60 }),
  // How the code is written in the file: warehouse codes are matched in any case, with spaces around.
  spelling: fc.constantFrom('plain', 'lower', 'padded'),
  reason: fc.option(fc.constantFrom('cycle count', 'opening, "as found"', 'recount\nafter audit'), { nil: undefined }),
});

const csvField = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

for (const kind of databaseKinds) {
  describe(`stock count import, properties (${kind})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
      await seed(database);
    });
    after(() => database.dispose());

    test('for random valid count files: on hand equals each count and the ledger sum explains it', async () => {
      let round = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(pairArb, { minLength: 1, maxLength: 60, selector: (p) => `${p.warehouse}/${p.sku}` }),
          fc.array(fc.record({ sku: fc.constantFrom(...skuCodes), quantity: fc.integer({ min: 1, max: 20 }) }), {
            maxLength: 5,
          }),
          async (pairs, receipts) => {
            round += 1;
            // Stock moves between counts, as it does on a floor.
            for (const receipt of receipts)
              await recordMovement(
                database.db,
                { warehouse: 'MUM1', sku: receipt.sku, kind: 'inbound', quantity: receipt.quantity, reason: 'receipt' },
                'test',
              );
            const before = await levels(database);
            const header = round % 2 ? 'warehouse,sku,quantity,reason' : 'sku,quantity,warehouse,reason';
            const body = pairs.map((p) => {
              const warehouse =
                p.spelling === 'lower'
                  ? p.warehouse.toLowerCase()
                  : p.spelling === 'padded'
                    ? ` ${p.warehouse} `
                    : p.warehouse;
              const reason = p.reason === undefined ? '' : csvField(p.reason);
              return round % 2
                ? `${warehouse},${p.sku},${p.count},${reason}`
                : `${p.sku},${p.count},${warehouse},${reason}`;
            });
            const result = await importStockCsv(database, `${header}\r\n${body.join('\r\n')}`, {
              actor: 'property',
              reference: `PROP-${kind}-${round}`,
            });
            assert.equal(result.status, 'applied');
            assert.equal(result.failed, 0, JSON.stringify(result.errors));
            assert.equal(result.changed + result.unchanged, pairs.length);
            const afterwards = await levels(database);
            for (const pair of pairs) {
              const key = `${pair.warehouse}/${pair.sku}`;
              const level = afterwards.get(key);
              assert.equal(level?.onHand, pair.count, `${key} equals its count`);
              assert.equal(level?.ledger, pair.count, `${key}: the ledger sum explains the level`);
            }
            const { rows } = await database.query<{ w: string; s: string; delta: number }>(
              `select w.code as w, s.code as s, m.on_hand_delta as delta from inventory_movements m
                 join warehouses w on w.id = m.warehouse_id join skus s on s.id = m.sku_id
                where m.kind = 'count' and m.reference = $1`,
              [`count:PROP-${kind}-${round}`],
            );
            const deltas = new Map(rows.map((r) => [`${r.w}/${r.s}`, Number(r.delta)]));
            for (const pair of pairs) {
              const key = `${pair.warehouse}/${pair.sku}`;
              const was = before.get(key)?.onHand ?? 0;
              assert.equal(deltas.get(key) ?? 0, pair.count - was, `${key}: the count's movement is the difference`);
            }
            // Levels not in the file are as they were.
            for (const [key, level] of before)
              if (!pairs.some((p) => `${p.warehouse}/${p.sku}` === key))
                assert.equal(afterwards.get(key)?.onHand, level.onHand);
          },
        ),
        { numRuns: kind === 'pglite' ? 25 : 40 },
      );
    });

    test('a batch that fails part-way leaves nothing: no reference, no movement, no level; sent again it applies', async () => {
      // A failure in the last chunk (a trigger standing in for a crash or a lost connection mid-import).
      await database.exec(`
        create function refuse_crash_sku() returns trigger language plpgsql as $$
        begin
          if new.reason = 'crash here' then raise exception 'simulated failure'; end if;
          return new;
        end $$;
        create trigger refuse_crash_sku before insert on inventory_movements
          for each row execute function refuse_crash_sku();`);
      const counts = skuCodes.map(
        (sku, i) => `MUM1,${sku},${1000 + i},${i === skuCodes.length - 1 ? 'crash here' : 'count'}`,
      );
      const csv = `warehouse,sku,quantity,reason\n${counts.join('\n')}\n`;
      const before = await levels(database);
      const movements = async () =>
        Number((await database.query<{ n: string }>('select count(*) as n from inventory_movements')).rows[0].n);
      const moved = await movements();
      await assert.rejects(
        importStockCsv(database, csv, { actor: 'crash', reference: `CRASH-${kind}` }),
        /simulated failure/,
      );
      const { rows } = await database.query('select 1 from stock_imports where reference = $1', [`CRASH-${kind}`]);
      assert.equal(rows.length, 0, 'the reference is not recorded');
      assert.equal(await movements(), moved, 'no movement of the batch remains');
      assert.deepEqual(await levels(database), before, 'no level changed');
      await database.exec('drop trigger refuse_crash_sku on inventory_movements; drop function refuse_crash_sku();');
      const again = await importStockCsv(database, csv, { actor: 'crash', reference: `CRASH-${kind}` });
      assert.equal(again.status, 'applied');
      assert.equal((await levels(database)).get(`MUM1/${skuCodes[0]}`)?.onHand, 1000);
    });

    test('counts racing with picks: every level ends at the count or the count less the picks after it, explained by its ledger', async () => {
      const counts = skuCodes.map((sku, i) => ({ sku, count: 20 + (i % 5) }));
      for (const { sku } of counts)
        await recordMovement(
          database.db,
          { warehouse: 'BLR1', sku, kind: 'inbound', quantity: 30, reason: 'stock' },
          'test',
        );
      const csv = `warehouse,sku,quantity\n${counts.map((c) => `BLR1,${c.sku},${c.count}`).join('\n')}\n`;
      const picks = counts.map(({ sku }) =>
        recordMovement(database.db, { warehouse: 'BLR1', sku, kind: 'adjust', quantity: -1, reason: 'picked' }, 'test'),
      );
      const [result] = await Promise.all([
        importStockCsv(database, csv, { actor: 'race', reference: `RACE-${kind}` }),
        ...picks,
      ]);
      assert.equal(result.failed, 0);
      const afterwards = await levels(database);
      for (const { sku, count } of counts) {
        const level = afterwards.get(`BLR1/${sku}`)!;
        assert.ok(
          level.onHand === count || level.onHand === count - 1,
          `BLR1/${sku}: ${level.onHand} vs count ${count}`,
        );
        assert.equal(level.ledger, level.onHand, `BLR1/${sku} is the sum of its ledger`);
      }
      for (const [key, level] of afterwards)
        assert.equal(level.ledger, level.onHand, `${key} is the sum of its ledger`);
    });
  });
}

test('the CSV record reader: quotes, doubled quotes, line breaks inside fields, CRLF, BOM, any chunking', () => {
  const text = '\ufeffa,"b,""x""",c\r\n\r\n"multi\nline",2,\r\n3';
  for (const size of [1, 2, 3, 7, 1000]) {
    const reader = new CsvRecordReader();
    const records: CsvRecord[] = [];
    for (let i = 0; i < text.length; i += size) reader.write(text.slice(i, i + size), (r) => records.push(r));
    reader.end((r) => records.push(r));
    assert.deepEqual(records, [
      { line: 1, fields: ['a', 'b,"x"', 'c'] },
      { line: 3, fields: ['multi\nline', '2', ''] },
      { line: 5, fields: ['3'] },
    ]);
  }
  for (const [bad, line] of [
    ['a\nb,c"d\n', 2],
    ['a\n"b"c\n', 2],
    ['a\nb\n"open\nstill open', 3],
  ] as const) {
    const reader = new CsvRecordReader();
    assert.throws(
      () => {
        reader.write(bad, () => {});
        reader.end(() => {});
      },
      new RegExp(`cannot be read at line ${line} `),
    );
  }
});
