import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cursorParam, id64, id64Param, key, limit } from '../../core/schema-types.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import { ChannelService } from '../../core/channels.ts';
import { requestRun, retryFailed } from '../../core/sync/execute.ts';
import {
  countUntriedRecords,
  getRunWithChannel,
  pageFailedRecords,
  pageRuns,
  requireRun,
} from '../../core/sync/runs.ts';
import type { AppContext } from '../context.ts';
import { answers, runRequested } from '../responses/common.ts';
import { recordPage, runPage, runStatuses, runView } from '../responses/sync-runs.ts';

/** Outcomes to show, comma-separated: `failed`, or `failed,partial,abandoned` for every run that needs a look. */
const statusList = z
  .string()
  .max(200)
  .transform((v, ctx) => {
    const asked = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = asked.filter((s) => !(runStatuses as readonly string[]).includes(s));
    if (unknown.length) {
      ctx.addIssue({
        code: 'custom',
        message: `There is no run status "${unknown[0]}": use ${runStatuses.join(', ')} (several separated by commas).`,
      });
      return z.NEVER;
    }
    return asked as (typeof runStatuses)[number][];
  });

export async function syncRunRoutes(base: FastifyInstance, { database, secrets, jobs }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const send = jobs.send.bind(jobs);
  const channelsService = new ChannelService(database.db, secrets, channelDescriptor);

  app.post(
    '/api/channels/:code/sync/:stream',
    {
      config: { role: 'operator' },
      schema: {
        summary:
          'Start a run of a stream now (skus, backorders, orders, inventory, reconcile, returns); returns its id',
        response: answers({ 202: runRequested }),
        tags: ['sync'],
        params: z.object({ code: key('channel code'), stream: key('stream', 50) }),
      },
    },
    async (request, reply) => {
      const run = await requestRun(database, channelDescriptor, send, {
        channelCode: request.params.code,
        stream: request.params.stream,
        trigger: 'manual',
      });
      return reply.status(202).send({ runId: run.id, status: run.status, url: `/api/sync-runs/${run.id}` });
    },
  );

  app.get(
    '/api/channels/:code/sync-runs',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Runs of a channel, newest first, optionally of one stream and of some outcomes (status=failed,partial); paged by run id (next)',
        response: answers({ 200: runPage }),
        tags: ['sync'],
        params: z.object({ code: key('channel code') }),
        querystring: z.object({
          stream: key('stream', 50).optional(),
          status: statusList.optional(),
          after: cursorParam().optional(),
          limit: limit(500, 50),
        }),
      },
    },
    async (request) => {
      const channel = await channelsService.row(request.params.code);
      const { status, ...query } = request.query;
      return pageRuns(database.db, { channelId: channel.id, ...query, statuses: status });
    },
  );

  const runParams = z.object({ id: id64Param('run id') });

  app.get(
    '/api/sync-runs/:id',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'A run: its channel, progress, counts, the first failed records and how many no retry has taken yet (untried)',
        response: answers({ 200: runView }),
        tags: ['sync'],
        params: runParams,
      },
    },
    async (request) => {
      const run = await getRunWithChannel(database.db, request.params.id);
      return { ...run, untried: await countUntriedRecords(database.db, run.id) };
    },
  );

  app.get(
    '/api/sync-runs/:id/records',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The failed records of a run (record, message, payload, when retried), paged by record id',
        response: answers({ 200: recordPage }),
        tags: ['sync'],
        params: runParams,
        querystring: z.object({ after: cursorParam().optional(), limit: limit(500, 50) }),
      },
    },
    async (request) => {
      await requireRun(database.db, request.params.id);
      return pageFailedRecords(database.db, request.params.id, request.query);
    },
  );

  app.post(
    '/api/sync-runs/:id/retry',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Retry the failed records of a run in a new run: all not yet retried, or one (body {"record": id})',
        response: answers({ 202: runRequested }),
        tags: ['sync'],
        params: runParams,
        body: z.object({ record: id64('record id').optional() }).nullish(),
      },
    },
    async (request, reply) => {
      const run = await retryFailed(
        database,
        channelDescriptor,
        send,
        request.params.id,
        request.body?.record ?? undefined,
      );
      return reply.status(202).send({ runId: run.id, status: run.status, url: `/api/sync-runs/${run.id}` });
    },
  );
}
