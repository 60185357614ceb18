import { eq } from 'drizzle-orm';
import type { Database } from '../db/connect.ts';
import { latestSchemaVersion, schemaVersion } from '../db/migrate.ts';
import { weftMeta, weftWorkers } from '../db/schema.ts';

/**
 * What /health reports of the database and the job workers, read here so the HTTP layer reaches the
 * database only through the core (test/architecture.test.ts).
 */
export async function systemState(database: Database, heartbeatKey: string) {
  const [version, [beat], workers] = await Promise.all([
    schemaVersion(database),
    database.db.select().from(weftMeta).where(eq(weftMeta.key, heartbeatKey)),
    // Processes working jobs, by their heartbeat; a dead one disappears within WEFT_JOBS_SUPERVISE_SECONDS.
    database.db
      .select({
        host: weftWorkers.host,
        pid: weftWorkers.pid,
        startedAt: weftWorkers.startedAt,
        lastSeenAt: weftWorkers.lastSeenAt,
      })
      .from(weftWorkers)
      .orderBy(weftWorkers.startedAt),
  ]);
  return {
    schemaVersion: version,
    latestSchemaVersion: latestSchemaVersion(),
    lastWorkerHeartbeat: beat?.value ?? null,
    workers,
  };
}
