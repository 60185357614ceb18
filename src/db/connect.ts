import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';
import { ConfigError } from '../config/config.ts';

/** The typed query handle every domain service takes. Same type on both drivers. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The lowest level: raw SQL, used by migrations, bulk loads and the job runtime. */
export interface SqlSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** A script of several statements without parameters; answers with the last statement's rows. */
  exec(script: string): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface Database extends SqlSession {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Where the data lives, without any password: for logs and /health. */
  location: string;
  /** Runs `work` on one connection held for its duration (PGlite has only one). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it
   * throws. On PGlite other queries wait until it ends (its one connection is not shared meanwhile).
   */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder for the embedded database; undefined keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir);
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // node-postgres returns int8 as text to be safe; Weft's int8 columns (ids, paise) stay far below 2^53.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next query.
  });
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new ConfigError(
      `DATABASE_URL ${redactUrl(url)} cannot be reached (${(error as Error).message}): check that PostgreSQL is running and the URL is right.`,
    );
  }
  const session = (client: pg.Pool | pg.PoolClient): SqlSession => ({
    query: async (text, params) => client.query(text, params as unknown[]) as never,
    exec: async (script) => {
      const result = (await client.query(script)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: last?.rows ?? [] };
    },
  });
  return {
    kind: 'postgres',
    location: redactUrl(url),
    db: drizzlePg({ client: pool, schema }) as unknown as Db,
    ...session(pool),
    withSession: async (work) => {
      const client = await pool.connect();
      try {
        return await work(session(client));
      } finally {
        client.release();
      }
    },
    transaction: async (work) => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('begin');
        const result = await work(session(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A connection that could not even roll back is dropped rather than reused.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(`${dataDir}/pglite`) : new PGlite();
  await client.waitReady;
  const session: SqlSession = {
    query: async (text, params) => client.query(text, params) as never,
    exec: async (script) => {
      const results = await client.exec(script);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
  };
  return {
    kind: 'pglite',
    location: dataDir ? `${dataDir}/pglite` : 'memory',
    db: drizzlePglite({ client, schema }) as unknown as Db,
    ...session,
    withSession: (work) => work(session),
    transaction: (work) =>
      client.transaction((tx) =>
        work({
          query: async (text, params) => tx.query(text, params) as never,
          exec: async (script) => {
            const results = await tx.exec(script);
            return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
          },
        }),
      ),
    close: () => client.close(),
  };
}
