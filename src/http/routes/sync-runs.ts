import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelDescriptor } from '../../channels/registry.ts';
import { requestRun, retryFailed } from '../../core/sync/execute.ts';
import { getRun, listRuns } from '../../core/sync/runs.ts';
import { ChannelService } from '../../core/channels.ts';
import type { AppContext } from '../context.ts';

export async function syncRunRoutes(base: FastifyInstance, { database, secrets, jobs }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const send = jobs.send.bind(jobs);
  const channelsService = new ChannelService(database.db, secrets, channelDescriptor);

  app.post('/api/channels/:code/sync/:stream', {
    schema: {
      summary: 'Start a run of a stream now (skus, backorders, orders, inventory, reconcile, returns); returns its id',
      tags: ['sync'],
      params: z.object({ code: z.string(), stream: z.string() }),
    },
  }, async (request, reply) => {
    const run = await requestRun(database, channelDescriptor, send, {
      channelCode: request.params.code, stream: request.params.stream, trigger: 'manual',
    });
    return reply.status(202).send({ runId: run.id, status: run.status, url: `/api/sync-runs/${run.id}` });
  });

  app.get('/api/channels/:code/sync-runs', {
    schema: {
      summary: 'Recent runs of a channel, newest first',
      tags: ['sync'],
      params: z.object({ code: z.string() }),
      querystring: z.object({ stream: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }),
    },
  }, async (request) => {
    const channel = await channelsService.row(request.params.code);
    return { items: await listRuns(database.db, { channelId: channel.id, stream: request.query.stream, limit: request.query.limit }) };
  });

  app.get('/api/sync-runs/:id', {
    schema: {
      summary: 'A run: progress, counts and the records that failed',
      tags: ['sync'],
      params: z.object({ id: z.coerce.number().int() }),
    },
  }, async (request) => getRun(database.db, request.params.id));

  app.post('/api/sync-runs/:id/retry', {
    schema: {
      summary: 'Retry the failed records of a run in a new run',
      tags: ['sync'],
      params: z.object({ id: z.coerce.number().int() }),
    },
  }, async (request, reply) => {
    const run = await retryFailed(database, channelDescriptor, send, request.params.id);
    return reply.status(202).send({ runId: run.id, status: run.status, url: `/api/sync-runs/${run.id}` });
  });
}
