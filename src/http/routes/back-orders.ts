import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cursorParam, key, limit } from '../../core/schema-types.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import { listBackorders, summarizeBackorders } from '../../core/backorders.ts';
import { ChannelService } from '../../core/channels.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { backorderPage, backorderSkuPage } from '../responses/back-orders.ts';

/** A channel's back orders (marketplace pendency): its lines, and per SKU what is open, reserved and in exception. */
export async function backOrderRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const channelsService = new ChannelService(db, secrets, channelDescriptor);
  const channelId = async (code: string) => (await channelsService.row(code)).id;
  const params = z.object({ code: key('channel code') });

  app.get(
    '/api/channels/:code/backorders',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Back orders (pendency) of a channel by status and channel SKU, with the reason for each exception',
        response: answers({ 200: backorderPage }),
        tags: ['back orders'],
        params,
        querystring: z.object({
          status: z.enum(['open', 'exception', 'released', 'converted']).optional(),
          channelSku: key('channel SKU').optional(),
          after: cursorParam().optional(),
          limit: limit(500, 100),
        }),
      },
    },
    async (request) => listBackorders(db, await channelId(request.params.code), request.query),
  );

  app.get(
    '/api/channels/:code/backorders/by-sku',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Open back orders per channel SKU: open and reserved units, exception units and the reason; paged by channel SKU (next)',
        response: answers({ 200: backorderSkuPage }),
        tags: ['back orders'],
        params,
        querystring: z.object({
          only: z.enum(['open', 'exception']).optional(),
          after: key('channel SKU').optional(),
          limit: limit(500, 100),
        }),
      },
    },
    async (request) => summarizeBackorders(db, await channelId(request.params.code), request.query),
  );
}
