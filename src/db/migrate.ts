import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from './connect.ts';

const migrationsDir = new URL('./migrations/', import.meta.url);
const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant; it keeps two processes starting at once from applying the same migration twice.
const migrationLock = 7_354_201;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((f) => fileName.test(f))
    .sort()
    .map((f) => {
      const [, version, name] = fileName.exec(f)!;
      return { version: Number(version), name, sql: readFileSync(new URL(f, migrationsDir), 'utf8') };
    });
}

export function latestSchemaVersion(): number {
  return listMigrations().at(-1)?.version ?? 0;
}

export async function schemaVersion(database: Database): Promise<number> {
  const { rows } = await database
    .query<{ version: number | null }>(`select max(version)::int as version from schema_migrations`)
    .catch(() => ({ rows: [{ version: 0 }] }));
  return rows[0]?.version ?? 0;
}

/**
 * Applies every migration newer than the database, each in its own transaction together with its
 * row in schema_migrations, under an advisory lock. Returns the versions it applied.
 */
export async function migrate(database: Database): Promise<number[]> {
  return database.withSession(async (session) => {
    await session.query('select pg_advisory_lock($1)', [migrationLock]);
    try {
      await session.exec(`create table if not exists schema_migrations (
        version integer primary key, name text not null, applied_at timestamptz not null default now())`);
      const { rows } = await session.query<{ version: number }>('select version from schema_migrations');
      const done = new Set(rows.map((r) => Number(r.version)));
      const applied: number[] = [];
      for (const m of listMigrations()) {
        if (done.has(m.version)) continue;
        try {
          await session.exec(
            `begin;\n${m.sql}\n;insert into schema_migrations (version, name) values (${m.version}, '${m.name}');\ncommit;`,
          );
        } catch (error) {
          await session.exec('rollback').catch(() => {});
          throw new Error(
            `Migration ${m.version}_${m.name}.sql failed and was rolled back: ${(error as Error).message}`,
          );
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await session.query('select pg_advisory_unlock($1)', [migrationLock]);
    }
  });
}
