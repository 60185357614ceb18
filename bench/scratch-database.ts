import pg from 'pg';
import { openDatabase, type Database } from '../src/db/connect.ts';

/**
 * Runs a benchmark on a scratch PostgreSQL database made next to the one in `serverUrl`, and drops it
 * afterwards whatever happens, so benchmarks never touch a real database.
 */
export async function withScratchDatabase(
  serverUrl: string,
  prefix: string,
  work: (database: Database, url: string) => Promise<void>,
): Promise<void> {
  const name = `${prefix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    await work(database, url.toString());
  } finally {
    await database.close();
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}

/** The server to measure on, if any. */
export const benchServerUrl = () => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
