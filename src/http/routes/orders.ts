import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dateTime, id64Param, key, limit, text } from '../../core/schema-types.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import { cancelOrder, cancelRequestSchema } from '../../core/orders/cancel.ts';
import { getOrder, listOrders, orderStatuses } from '../../core/orders/queries.ts';
import { reprocessOrder } from '../../core/orders/reprocess.ts';
import { actorOf } from '../auth.ts';
import { nowOf, type AppContext } from '../context.ts';
import { slaStates } from '../../core/orders/sla.ts';
import { answers } from '../responses/common.ts';
import { cancelOutcome, orderDetail, orderPage } from '../responses/orders.ts';

export async function orderRoutes(base: FastifyInstance, context: AppContext) {
  const { database, secrets } = context;
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const params = z.object({ id: id64Param('order id') });
  const when = dateTime();

  app.get(
    '/api/orders',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'List orders, newest PO first or soonest dispatch-by first, filtered by channel, status, SLA state, PO date and PO number; keyset paged',
        tags: ['orders'],
        querystring: z.object({
          channel: key('channel code').optional(),
          status: z.enum(orderStatuses).optional(),
          from: when.optional(),
          to: when.optional(),
          q: text({ max: 200 }).trim().min(1).optional(),
          sort: z.enum(['poDate', 'dispatchBy']).optional(),
          sla: z.enum([...slaStates, 'breached']).optional(),
          after: text({ max: 200 }).optional(),
          limit: limit(500, 50),
        }),
        response: answers({ 200: orderPage }),
      },
    },
    async (request) => listOrders(db, request.query, { now: nowOf(context), lookup: channelDescriptor }),
  );

  app.get(
    '/api/orders/:id',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'One order: its lines with every quantity, and its timeline',
        tags: ['orders'],
        params,
        response: answers({ 200: orderDetail }),
      },
    },
    async (request) => getOrder(db, request.params.id, { now: nowOf(context), lookup: channelDescriptor }),
  );

  app.post(
    '/api/orders/:id/cancel',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Cancel lines of an order at the marketplace (full or partial) and release their allocation',
        description:
          'Lines are named by lineId or externalLineId. Repeating the same request never cancels twice. ' +
          'Refused once the PO is invoiced (packed or later) when the channel does not allow it.',
        tags: ['orders'],
        params,
        body: cancelRequestSchema,
        response: answers({ 200: cancelOutcome }),
      },
    },
    async (request) =>
      cancelOrder({ database, secrets, lookup: channelDescriptor }, request.params.id, request.body, actorOf(request)),
  );

  app.post(
    '/api/orders/:id/reprocess',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Build an order on hold again from its kept marketplace payload, once its SKUs are linked',
        tags: ['orders'],
        params,
        response: answers({ 200: orderDetail }),
      },
    },
    async (request) => reprocessOrder(database, channelDescriptor, request.params.id, actorOf(request)),
  );
}
