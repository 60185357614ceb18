import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { latestSchemaVersion, schemaVersion } from '../../db/migrate.ts';
import { weftMeta } from '../../db/schema.ts';
import { heartbeatKey } from '../../jobs/definitions/heartbeat.ts';
import type { AppContext } from '../context.ts';

const startedAt = new Date();

export async function healthRoutes(app: FastifyInstance, { database, jobs }: AppContext) {
  app.get('/health', { config: { role: 'public' }, schema: { summary: 'Liveness and state: database, schema version, job queues', tags: ['system'] } }, async (_request, reply) => {
    try {
      const [version, queues, [beat]] = await Promise.all([
        schemaVersion(database),
        jobs.state(),
        database.db.select().from(weftMeta).where(eq(weftMeta.key, heartbeatKey)),
      ]);
      return {
        status: 'ok',
        startedAt: startedAt.toISOString(),
        database: { kind: database.kind, location: database.location, schemaVersion: version, latestSchemaVersion: latestSchemaVersion() },
        queue: { lastWorkerHeartbeat: beat?.value ?? null, queues },
      };
    } catch (error) {
      return reply.status(503).send({ status: 'unavailable', error: { code: 'unavailable', message: `The database does not answer: ${(error as Error).message}` } });
    }
  });
}
