import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Database } from '../../src/db/connect.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { sha256Of } from '../../src/core/documents/store.ts';
import { createServerDatabase, databaseKinds } from '../helpers/databases.ts';

/**
 * Migration 0017 renames the documents stored under the first marketplace's own kinds and source to
 * marketplace-neutral ones, on a database that was at version 16 with such rows in it.
 */
const neutral = listMigrations().find((m) => m.name === 'neutral_document_kinds')!;

for (const kind of databaseKinds) {
  describe(`migration ${neutral.version}: marketplace-neutral document kinds (${kind})`, () => {
    let database: Database;
    let drop = async () => {};

    before(async () => {
      if (kind === 'pglite') database = await openDatabase({});
      else {
        const server = await createServerDatabase();
        database = await openDatabase({ databaseUrl: server.url, poolSize: 2 });
        drop = server.drop;
      }
      // The schema as it was before this migration, with the rows an older Weft stored.
      await database.exec(
        'create table schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
      );
      for (const m of listMigrations().filter((x) => x.version < neutral.version)) {
        await database.exec(m.sql);
        await database.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      }
      const pdf = Buffer.from('%PDF-1.4 x');
      for (const [docKind, source, reference] of [
        ['ajio-label', 'ajio', 'PO1'],
        ['ajio-manifest', 'ajio', 'MF000001'],
        ['ajio-invoice', 'ajio', 'PO1'],
        ['box-labels', 'weft', 'PO1'],
      ]) {
        await database.query(
          `insert into documents (kind, source, sha256, bytes, size, reference, created_by) values ($1, $2, $3, $4, 10, $5, 'test')`,
          [docKind, source, sha256Of(pdf), pdf, reference],
        );
      }
    });
    after(async () => {
      await database?.close();
      await drop();
    });

    test("stored kinds and sources become neutral, Weft's own stay, and the old source is refused afterwards", async () => {
      assert.ok((await migrate(database)).includes(neutral.version));
      const { rows } = await database.query<{ kind: string; source: string; reference: string }>(
        'select kind, source, reference from documents order by kind',
      );
      assert.deepEqual(rows, [
        { kind: 'box-labels', source: 'weft', reference: 'PO1' },
        { kind: 'marketplace-invoice', source: 'marketplace', reference: 'PO1' },
        { kind: 'marketplace-label', source: 'marketplace', reference: 'PO1' },
        { kind: 'marketplace-manifest', source: 'marketplace', reference: 'MF000001' },
      ]);
      await assert.rejects(
        database.query(
          `insert into documents (kind, source, sha256, bytes, size, reference, created_by)
        values ('marketplace-label', 'ajio', $1, '\\x00', 1, 'PO2', 'test')`,
          ['0'.repeat(64)],
        ),
        /documents_source_check/,
      );
    });
  });
}
