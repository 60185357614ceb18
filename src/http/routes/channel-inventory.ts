import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cursorParam, key, limit, text } from '../../core/schema-types.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import { ChannelService } from '../../core/channels.ts';
import {
  explainListing,
  listPushStates,
  pushStatuses,
  requestFullPush,
  sourceWarehouseIds,
} from '../../core/inventory/available.ts';
import { requestRun } from '../../core/sync/execute.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { explanation, fullPushRequested, pushStatePage } from '../responses/inventory.ts';

/** What Weft pushes to a channel and why. (Reconciliation reports: routes/reconciliation-reports.ts.) */
export async function channelInventoryRoutes(base: FastifyInstance, { database, secrets, jobs }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const channels = new ChannelService(database.db, secrets, channelDescriptor);
  const send = jobs.send.bind(jobs);
  const code = z.object({ code: key('channel code') });

  app.get(
    '/api/channels/:code/inventory',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          "Each mapped listing's last pushed figure with its status (in_process, submitted, success, error, not_pushed), AJIO's message and time",
        response: answers({ 200: pushStatePage }),
        tags: ['inventory'],
        params: code,
        querystring: z.object({
          status: z.enum(pushStatuses).optional(),
          q: text({ max: 200 }).trim().min(1).optional(),
          after: cursorParam().optional(),
          limit: limit(1000, 100),
        }),
      },
    },
    async (request) => {
      const channel = await channels.row(request.params.code);
      return listPushStates(database, { channelId: channel.id, ...request.query });
    },
  );

  app.get(
    '/api/channels/:code/inventory/:sku',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Why a listing gets the figure it gets, line by line (sku: the Weft SKU code or the marketplace SKU code)',
        response: answers({ 200: explanation }),
        tags: ['inventory'],
        params: z.object({ code: key('channel code'), sku: key('SKU code') }),
      },
    },
    async (request) => {
      const channel = await channels.row(request.params.code);
      const warehouseIds = await sourceWarehouseIds(
        database,
        channel.warehouseId,
        channels.policy(channel).stockSource,
      );
      return explainListing(database, { channelId: channel.id, warehouseIds, ref: request.params.sku });
    },
  );

  app.post(
    '/api/channels/:code/inventory/push-all',
    {
      config: { role: 'operator' },
      schema: {
        summary: "Send every listing's figure again (a full push), not only the changed ones; starts an inventory run",
        response: answers({ 202: fullPushRequested }),
        tags: ['inventory'],
        params: code,
      },
    },
    async (request, reply) => {
      const channel = await channels.row(request.params.code);
      const since = await requestFullPush(database, channel.id);
      const run = await requestRun(database, channelDescriptor, send, {
        channelCode: channel.code,
        stream: 'inventory',
        trigger: 'manual',
      });
      return reply
        .status(202)
        .send({ runId: run.id, status: run.status, fullPushSince: since, url: `/api/sync-runs/${run.id}` });
    },
  );
}
