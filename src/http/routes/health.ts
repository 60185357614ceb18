import type { FastifyInstance } from 'fastify';
import { systemState } from '../../core/health.ts';
import { heartbeatKey } from '../../jobs/definitions/heartbeat.ts';
import type { AppContext } from '../context.ts';

const startedAt = new Date();

export async function healthRoutes(app: FastifyInstance, { database, jobs }: AppContext) {
  app.get('/health', { config: { role: 'public' }, schema: { summary: 'Liveness and state: database, schema version, job queues', tags: ['system'] } }, async (_request, reply) => {
    try {
      const [state, queues] = await Promise.all([systemState(database, heartbeatKey), jobs.state()]);
      return {
        status: 'ok',
        startedAt: startedAt.toISOString(),
        database: { kind: database.kind, location: database.location, schemaVersion: state.schemaVersion, latestSchemaVersion: state.latestSchemaVersion },
        queue: { lastWorkerHeartbeat: state.lastWorkerHeartbeat, workers: state.workers, queues },
      };
    } catch (error) {
      return reply.status(503).send({ status: 'unavailable', error: { code: 'unavailable', message: `The database does not answer: ${(error as Error).message}` } });
    }
  });
}
