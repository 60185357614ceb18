import type { Database } from '../db/connect.ts';

/**
 * pg-boss talks to its database through `executeSql(text, values)`. On PostgreSQL that is the shared
 * pool. PGlite's `query()` takes one statement only, so pg-boss's parameterless multi-statement scripts
 * (schema creation, migrations) go through `exec()`, which answers with the last statement's rows.
 */
export function bossDbAdapter(database: Database) {
  return {
    executeSql(text: string, values?: unknown[]) {
      if (database.kind === 'pglite' && (!values || values.length === 0)) return database.exec(text);
      return database.query(text, values);
    },
  };
}
