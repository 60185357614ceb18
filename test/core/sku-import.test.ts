import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { importSkuCsv } from '../../src/core/catalog/sku-import.ts';
import { getSku, countSkus, createSku } from '../../src/core/catalog/skus.ts';

const header = 'code,ean,name,brand,style,size,colour,hsn,mrp,active\n';

for (const kind of databaseKinds) {
  describe(`SKU master CSV import (${kind})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(() => database.dispose());

    test('valid rows land, invalid rows are reported by line and skipped', async () => {
      const csv =
        header +
        'TS-001-M,8901234567001,Tee M,Weft,TS-001,M,Navy,6109,799,yes\n' + // line 2
        'TS-001-L,8901234567002,Tee L,Weft,TS-001,L,Navy,6109,"1,299.50",\n' + // line 3
        'bad code!,,Broken,,,,,,100,\n' + // line 4
        'TS-002-M,12AB,Tee,,,,,,100,\n' + // line 5
        'TS-003-M,,No price,,,,,,,\n' + // line 6
        'TS-001-M,,Repeat,,,,,,100,\n' + // line 7
        'TS-004-M,8901234567001,Same EAN,,,,,,100,\n' + // line 8
        'TS-005-M,,Bad HSN,,,,,61,100,\n' + // line 9
        'TS-006-M,,Inactive,,,,,,100,no\n'; // line 10
      const result = await importSkuCsv(database, Readable.from([csv]), { actor: 'tester' });
      assert.equal(result.rows, 9);
      assert.equal(result.inserted, 3);
      assert.equal(result.updated, 0);
      assert.equal(result.failed, 6);
      assert.deepEqual(
        result.errors.map((e) => e.line),
        [4, 5, 6, 7, 8, 9],
      );
      assert.match(result.errors[0].message, /^code: A SKU code is/);
      assert.match(result.errors[1].message, /^ean: An EAN\/GTIN is 8 to 14 digits/);
      assert.match(result.errors[2].message, /^mrp "" is not an amount in rupees/);
      assert.equal(result.errors[3].message, 'code TS-001-M already appears on line 2; keep one line per SKU.');
      assert.equal(result.errors[4].message, 'EAN 8901234567001 is also given to SKU TS-001-M in this file.');
      assert.match(result.errors[5].message, /^hsn: /);
      const large = await getSku(database.db, 'TS-001-L');
      assert.equal(large.mrpPaise, 129950);
      assert.equal(large.colour, 'Navy');
      assert.equal((await getSku(database.db, 'TS-006-M')).active, false);
    });

    test('importing again updates by code and refuses an EAN held by another SKU', async () => {
      await createSku(database.db, { code: 'OTHER', ean: '8901234567999', name: 'Other', mrpPaise: 100 }, 't');
      const csv =
        header +
        'TS-001-M,8901234567001,Tee M (new name),Weft,TS-001,M,Navy,6109,849,yes\n' +
        'TS-001-L,8901234567999,Tee L,Weft,TS-001,L,Navy,6109,1299.50,yes\n';
      const result = await importSkuCsv(database, csv, { actor: 'tester' });
      assert.equal(result.updated, 1);
      assert.deepEqual(result.errors, [
        { line: 3, code: 'TS-001-L', message: 'EAN 8901234567999 already belongs to SKU OTHER.' },
      ]);
      const tee = await getSku(database.db, 'TS-001-M');
      assert.equal(tee.name, 'Tee M (new name)');
      assert.equal(tee.mrpPaise, 84900);
    });

    test('a header without the required columns is refused before anything is written', async () => {
      const before = await countSkus(database.db);
      await assert.rejects(
        importSkuCsv(database, 'sku,title\nA,B\n', { actor: 't' }),
        /The CSV header lacks code, name, mrp/,
      );
      assert.equal(await countSkus(database.db), before);
    });

    test('thousands of rows stream through in batches with progress', async () => {
      const lines = Array.from({ length: 4500 }, (_, i) => `BULK-${i},,Bulk ${i},,,,,,${100 + i},yes`).join('\n');
      const progress: number[] = [];
      const result = await importSkuCsv(database, Readable.from([header, lines, '\n']), {
        actor: 't',
        onProgress: (p) => progress.push(p.rows),
      });
      assert.equal(result.inserted, 4500);
      assert.equal(result.failed, 0);
      assert.ok(progress.length >= 3, 'progress is reported per batch');
      assert.equal((await getSku(database.db, 'BULK-4499')).mrpPaise, 459900);
    });
  });
}
