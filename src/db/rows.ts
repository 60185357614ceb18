import type { SQL } from 'drizzle-orm';
import type { Db } from './connect.ts';

/**
 * Runs raw SQL and returns its rows as `T`. Drizzle's `execute` result type differs between the
 * node-postgres and PGlite drivers (both carry `rows`), so the one cast lives here. `T` is what the
 * query's select list promises: name columns with `as` to match it.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
