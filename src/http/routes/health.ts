import type { FastifyInstance } from 'fastify';
import { systemState } from '../../core/health.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { heartbeatKey } from '../../jobs/definitions/heartbeat.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { health, unavailable } from '../responses/health.ts';

const startedAt = new Date();

export async function healthRoutes(base: FastifyInstance, { database, jobs }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/health',
    {
      config: { role: 'public' },
      schema: {
        summary: 'Liveness and state: database, schema version, job queues',
        tags: ['system'],
        response: answers({ 200: health, 503: unavailable }),
      },
    },
    async (_request, reply) => {
      try {
        const [state, queues] = await Promise.all([systemState(database, heartbeatKey), jobs.state()]);
        return {
          status: 'ok' as const,
          startedAt: startedAt.toISOString(),
          database: {
            kind: database.kind,
            location: database.location,
            schemaVersion: state.schemaVersion,
            latestSchemaVersion: state.latestSchemaVersion,
          },
          queue: { lastWorkerHeartbeat: state.lastWorkerHeartbeat, workers: state.workers, queues },
        };
      } catch (error) {
        return reply.status(503).send({
          status: 'unavailable' as const,
          error: { code: 'unavailable', message: `The database does not answer: ${(error as Error).message}` },
        });
      }
    },
  );
}
