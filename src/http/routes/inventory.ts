import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cursorParam, key, limit, text } from '../../core/schema-types.ts';
import { getLevelWithLedger, listLevels, movementInputSchema, recordMovement } from '../../core/inventory/movements.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { level, levelDetail, levelPage } from '../responses/inventory.ts';

export async function inventoryRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;

  app.post(
    '/api/inventory/movements',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Record a stock movement: inbound, adjust (+/-) or damage, with a reason',
        response: answers({ 201: level }),
        tags: ['inventory'],
        body: movementInputSchema,
      },
    },
    async (request, reply) => reply.status(201).send(await recordMovement(db, request.body, actorOf(request))),
  );

  app.get(
    '/api/inventory/levels',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Stock levels per warehouse and SKU (on hand, damaged, allocated to orders, reserved for pendency, available), paged; q searches SKU codes and names',
        response: answers({ 200: levelPage }),
        tags: ['inventory'],
        querystring: z.object({
          warehouse: key('warehouse code').optional(),
          sku: key('SKU code').optional(),
          q: text({ max: 100 }).trim().optional(),
          after: text({ max: 500 })
            .regex(/^[^~]+~.+$/, 'after is "<warehouse>~<sku>" from the previous page')
            .optional(),
          limit: limit(1000, 100),
        }),
      },
    },
    async (request) => {
      const { warehouse, sku, q, after, limit } = request.query;
      const [afterWarehouse, ...rest] = after?.split('~') ?? [];
      const page = await listLevels(db, {
        warehouse,
        sku,
        q,
        limit,
        after: after ? { warehouse: afterWarehouse, sku: rest.join('~') } : undefined,
      });
      return { items: page.items, next: page.next ? `${page.next.warehouse}~${page.next.sku}` : null };
    },
  );

  app.get(
    '/api/inventory/levels/:warehouse/:sku',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'One level (with allocated, reserved, available) and its ledger, newest movement first; page on with before=nextBefore',
        response: answers({ 200: levelDetail }),
        tags: ['inventory'],
        params: z.object({ warehouse: key('warehouse code'), sku: key('SKU code') }),
        querystring: z.object({
          before: cursorParam().optional(),
          limit: limit(1000, 100),
        }),
      },
    },
    async (request) => getLevelWithLedger(db, request.params.warehouse, request.params.sku, request.query),
  );
}
