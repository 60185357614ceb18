import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { latestSchemaVersion, schemaVersion } from '../../db/migrate.ts';
import { weftMeta, weftWorkers } from '../../db/schema.ts';
import { heartbeatKey } from '../../jobs/definitions/heartbeat.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { health, unavailable } from '../responses/health.ts';

const startedAt = new Date();

export async function healthRoutes(base: FastifyInstance, { database, jobs }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/health', { config: { role: 'public' }, schema: { summary: 'Liveness and state: database, schema version, job queues', tags: ['system'], response: answers({ 200: health, 503: unavailable }) } }, async (_request, reply) => {
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
        status: 'ok' as const,
        startedAt: startedAt.toISOString(),
        database: { kind: database.kind, location: database.location, schemaVersion: version, latestSchemaVersion: latestSchemaVersion() },
        queue: { lastWorkerHeartbeat: beat?.value ?? null, workers, queues },
      };
    } catch (error) {
      return reply.status(503).send({ status: 'unavailable' as const, error: { code: 'unavailable', message: `The database does not answer: ${(error as Error).message}` } });
    }
  });
}
