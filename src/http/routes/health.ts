import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { latestSchemaVersion, schemaVersion } from '../../db/migrate.ts';
import { weftMeta, weftWorkers } from '../../db/schema.ts';
import { heartbeatKey } from '../../jobs/definitions/heartbeat.ts';
import type { AppContext } from '../context.ts';

const startedAt = new Date();

export async function healthRoutes(app: FastifyInstance, { database, jobs }: AppContext) {
  app.get('/health', { config: { role: 'public' }, schema: { summary: 'Liveness and state: database, schema version, job queues', tags: ['system'] } }, async (_request, reply) => {
    try {
      const [version, queues, [beat], workers] = await Promise.all([
        schemaVersion(database),
        jobs.state(),
        database.db.select().from(weftMeta).where(eq(weftMeta.key, heartbeatKey)),
        // Processes working jobs, by their heartbeat; a dead one disappears within WEFT_JOBS_SUPERVISE_SECONDS.
        database.db.select({ host: weftWorkers.host, pid: weftWorkers.pid, startedAt: weftWorkers.startedAt, lastSeenAt: weftWorkers.lastSeenAt })
          .from(weftWorkers).orderBy(weftWorkers.startedAt),
      ]);
      return {
        status: 'ok',
        startedAt: startedAt.toISOString(),
        database: { kind: database.kind, location: database.location, schemaVersion: version, latestSchemaVersion: latestSchemaVersion() },
        queue: { lastWorkerHeartbeat: beat?.value ?? null, workers, queues },
      };
    } catch (error) {
      return reply.status(503).send({ status: 'unavailable', error: { code: 'unavailable', message: `The database does not answer: ${(error as Error).message}` } });
    }
  });
}
