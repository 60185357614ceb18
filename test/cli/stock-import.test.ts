import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createServerDatabase, databaseKinds } from '../helpers/databases.ts';
import { startWeft } from '../helpers/processes.ts';

/**
 * `weft stock import <file>` as a real process: progress while it reads and applies, the summary and
 * the bad lines on stdout, and exit codes a script can act on (0 all good or already imported,
 * 2 some lines refused, 1 nothing done).
 */
const skuCount = 12_000;

async function seed(database: Database) {
  await migrate(database);
  await database.query(
    `insert into warehouses (code, name, state_code, pincode) values ('MUM1', 'Bhiwandi', '27', '421302')`,
  );
  await database.query(
    `insert into skus (code, name, mrp_paise) select 'CLI-' || lpad(i::text, 6, '0'), 'Tee', 49900 from generate_series(1, $1) i`,
    [skuCount],
  );
}

const onHandTotal = async (database: Database) =>
  Number(
    (await database.query<{ n: string }>('select coalesce(sum(on_hand), 0) as n from inventory_levels')).rows[0].n,
  );

for (const kind of databaseKinds) {
  describe(`weft stock import (${kind})`, () => {
    test('progress, summary, bad lines and exit codes; the same file again changes nothing', {
      timeout: 240_000,
    }, async (t) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'weft-stock-cli-'));
      const server = kind === 'postgres' ? await createServerDatabase() : null;
      t.after(() => server?.drop());
      const env = { WEFT_DATA_DIR: dataDir, ...(server ? { DATABASE_URL: server.url } : { DATABASE_URL: '' }) };
      const open = () => openDatabase(server ? { databaseUrl: server.url } : { dataDir });
      let database = await open();
      await seed(database);
      await database.close();

      const lines = Array.from({ length: skuCount }, (_, i) => `MUM1,CLI-${String(i + 1).padStart(6, '0')},${i % 7}`);
      const file = join(dataDir, 'count.csv');
      writeFileSync(file, `warehouse,sku,quantity\n${lines.join('\n')}\nMUM1,NOPE,x\n`);
      const expected = lines.reduce((sum, _l, i) => sum + (i % 7), 0);

      const dry = startWeft(t, ['stock', 'import', file, '--dry-run'], env);
      assert.equal(await dry.exited, 2, dry.output());
      assert.match(dry.stdout(), /^preview \(reference sha256-[0-9a-f]{32}\): Preview: nothing written\./m);
      database = await open();
      assert.equal(await onHandTotal(database), 0, 'a dry run applies nothing');
      await database.close();

      const run = startWeft(t, ['stock', 'import', file, '--reference', 'CLI-COUNT-1'], env);
      assert.equal(await run.exited, 2, run.output());
      assert.match(run.stderr(), /stock import .*count\.csv: \d+/, 'progress is shown while it runs');
      assert.match(run.stdout(), /^applied \(reference CLI-COUNT-1\): 12,000 lines of 12,001 applied/m);
      assert.match(run.stdout(), /^line 12002: quantity "x" is not a whole number .* SKU NOPE is not known/m);
      database = await open();
      assert.equal(await onHandTotal(database), expected);
      await database.close();

      const again = startWeft(t, ['stock', 'import', file, '--reference', 'CLI-COUNT-1'], env);
      assert.equal(await again.exited, 0, again.output());
      assert.match(again.stdout(), /^replayed \(reference CLI-COUNT-1\): Reference CLI-COUNT-1 was already applied/m);

      const missing = startWeft(t, ['stock', 'import', join(dataDir, 'nothing.csv')], env);
      assert.equal(await missing.exited, 1);
      assert.match(missing.stderr(), /There is no file .*nothing\.csv/);
      const badHeader = join(dataDir, 'bad.csv');
      writeFileSync(badHeader, 'sku,quantity\nCLI-000001,3\n');
      const refused = startWeft(t, ['stock', 'import', badHeader], env);
      assert.equal(await refused.exited, 1);
      assert.match(refused.stderr(), /weft: The CSV header lacks warehouse/);
    });
  });
}
