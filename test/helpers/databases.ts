import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * Every database suite runs on the embedded PGlite and, when TEST_DATABASE_URL is set, on PostgreSQL
 * too. Each test database is new: in memory for PGlite, a fresh database on the server for PostgreSQL
 * (dropped afterwards), so test files never see each other's rows.
 */
export type DatabaseKind = 'pglite' | 'postgres';

export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  url?: string;
  dispose(): Promise<void>;
}

export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set.');
  const name = `weft_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({});
    await migrate(database);
    return Object.assign(database, { dispose: () => database.close() });
  }
  const server = await createServerDatabase();
  const database = await openDatabase({ databaseUrl: server.url, poolSize: 5 });
  await migrate(database);
  return Object.assign(database, {
    url: server.url,
    async dispose() {
      await database.close();
      await server.drop();
    },
  });
}
