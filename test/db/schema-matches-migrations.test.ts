import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import * as schema from '../../src/db/schema.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';

/**
 * The SQL migrations are the source of truth and src/db/schema*.ts is Drizzle's typed view of them,
 * written by hand. This test migrates a fresh database and compares the two, table by table and column
 * by column (existence, nullability, type), so a migration that is not mirrored in the Drizzle schema,
 * or a Drizzle column the migrations never created, fails here instead of at run time.
 */

// Tables and columns the database has that Drizzle deliberately does not describe, each with a reason.
const dbOnlyTables: Record<string, string> = {
  schema_migrations: 'bookkeeping of src/db/migrate.ts, which reads it with plain SQL',
};
const dbOnlyColumns: Record<string, string> = {};

interface DbColumn {
  table: string;
  column: string;
  nullable: boolean;
  dataType: string;
  udt: string;
}

/** Drizzle's SQL type (getSQLType) as the udt_name information_schema reports for it. */
function expectedUdt(sqlType: string): string {
  const array = sqlType.endsWith('[]');
  const base = (array ? sqlType.slice(0, -2) : sqlType).replace(/\(.*\)$/, '').trim();
  const names: Record<string, string> = {
    serial: 'int4',
    integer: 'int4',
    smallserial: 'int2',
    smallint: 'int2',
    bigserial: 'int8',
    bigint: 'int8',
    text: 'text',
    varchar: 'varchar',
    char: 'bpchar',
    boolean: 'bool',
    jsonb: 'jsonb',
    json: 'json',
    uuid: 'uuid',
    numeric: 'numeric',
    real: 'float4',
    'double precision': 'float8',
    date: 'date',
    bytea: 'bytea',
    'timestamp with time zone': 'timestamptz',
    timestamp: 'timestamp',
    'timestamp without time zone': 'timestamp',
    time: 'time',
    interval: 'interval',
    inet: 'inet',
  };
  const udt = names[base] ?? base;
  return array ? `_${udt}` : udt;
}

async function databaseColumns(database: TestDatabase): Promise<DbColumn[]> {
  const { rows } = await database.query<{
    table_name: string;
    column_name: string;
    is_nullable: string;
    data_type: string;
    udt_name: string;
  }>(
    `select table_name, column_name, is_nullable, data_type, udt_name
       from information_schema.columns
      where table_schema = 'public'
        and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')`,
  );
  return rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    nullable: r.is_nullable === 'YES',
    dataType: r.data_type,
    udt: r.udt_name,
  }));
}

/** Every difference between the Drizzle tables and the database's columns, one line each. */
function compare(tables: PgTable[], columns: DbColumn[]): string[] {
  const problems: string[] = [];
  const byTable = new Map<string, Map<string, DbColumn>>();
  for (const c of columns) {
    if (!byTable.has(c.table)) byTable.set(c.table, new Map());
    byTable.get(c.table)!.set(c.column, c);
  }
  const drizzleNames = new Set<string>();
  for (const table of tables) {
    const config = getTableConfig(table);
    drizzleNames.add(config.name);
    const dbTable = byTable.get(config.name);
    if (!dbTable) {
      problems.push(`${config.name}: in Drizzle, but no migration creates this table`);
      continue;
    }
    const seen = new Set<string>();
    for (const column of config.columns) {
      seen.add(column.name);
      const where = `${config.name}.${column.name}`;
      const db = dbTable.get(column.name);
      if (!db) {
        problems.push(`${where}: in Drizzle (${column.getSQLType()}), missing in the database`);
        continue;
      }
      const want = expectedUdt(column.getSQLType());
      if (want !== db.udt)
        problems.push(`${where}: Drizzle type ${column.getSQLType()} (${want}), database ${db.dataType} (${db.udt})`);
      if (column.notNull === db.nullable) {
        problems.push(
          `${where}: Drizzle ${column.notNull ? 'not null' : 'nullable'}, database ${db.nullable ? 'nullable' : 'not null'}`,
        );
      }
    }
    for (const [name, db] of dbTable) {
      const key = `${config.name}.${name}`;
      if (!seen.has(name) && !(key in dbOnlyColumns)) {
        problems.push(
          `${key}: in the database (${db.dataType}, ${db.nullable ? 'nullable' : 'not null'}), missing in Drizzle`,
        );
      }
    }
  }
  for (const name of byTable.keys()) {
    if (!drizzleNames.has(name) && !(name in dbOnlyTables))
      problems.push(`${name}: table in the database, missing in Drizzle`);
  }
  return problems.sort();
}

const drizzleTables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

describe('Drizzle schema against the migrations: the comparison itself', () => {
  test('maps Drizzle SQL types to the names information_schema reports', () => {
    assert.equal(expectedUdt('integer'), 'int4');
    assert.equal(expectedUdt('bigserial'), 'int8');
    assert.equal(expectedUdt('timestamp with time zone'), 'timestamptz');
    assert.equal(expectedUdt('numeric(12, 2)'), 'numeric');
    assert.equal(expectedUdt('varchar(40)'), 'varchar');
    assert.equal(expectedUdt('text[]'), '_text');
  });

  test('reports a missing column, a wrong type, a wrong nullability and an undeclared column', () => {
    const outbox = getTableConfig(schema.outbox);
    const columns: DbColumn[] = outbox.columns.map((c) => ({
      table: outbox.name,
      column: c.name,
      nullable: !c.notNull,
      dataType: c.getSQLType(),
      udt: expectedUdt(c.getSQLType()),
    }));
    assert.deepEqual(compare([schema.outbox], columns), []);
    const broken = columns
      .filter((c) => c.column !== 'kind')
      .map((c) =>
        c.column === 'attempts'
          ? { ...c, udt: 'int8', dataType: 'bigint' }
          : c.column === 'status'
            ? { ...c, nullable: true }
            : c,
      )
      .concat({ table: 'outbox', column: 'extra', nullable: true, dataType: 'text', udt: 'text' });
    assert.deepEqual(compare([schema.outbox], broken), [
      'outbox.attempts: Drizzle type integer (int4), database bigint (int8)',
      'outbox.extra: in the database (text, nullable), missing in Drizzle',
      'outbox.kind: in Drizzle (text), missing in the database',
      'outbox.status: Drizzle not null, database nullable',
    ]);
  });
});

for (const kind of databaseKinds) {
  describe(`Drizzle schema matches the migrated database (${kind})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(async () => {
      await database?.dispose();
    });

    test('every Drizzle table and column exists with the same type and nullability, and nothing is undeclared', async () => {
      assert.ok(drizzleTables.length >= 30, `expected the Drizzle schema's tables, found ${drizzleTables.length}`);
      const problems = compare(drizzleTables, await databaseColumns(database));
      assert.deepEqual(
        problems,
        [],
        `The Drizzle schema (src/db/schema*.ts) and the migrations disagree:\n  ${problems.join('\n  ')}`,
      );
    });
  });
}
