import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getLevelWithLedger, listLevels, movementInputSchema, recordMovement } from '../../core/inventory/movements.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';

export async function inventoryRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;

  app.post('/api/inventory/movements', {
    config: { role: 'operator' },
    schema: {
      summary: 'Record a stock movement: inbound, adjust (+/-) or damage, with a reason',
      tags: ['inventory'],
      body: movementInputSchema,
    },
  }, async (request, reply) => reply.status(201).send(await recordMovement(db, request.body, actorOf(request))));

  app.get('/api/inventory/levels', {
    config: { role: 'viewer' },
    schema: {
      summary: 'Stock levels per warehouse and SKU (on hand, damaged, allocated to orders, reserved for pendency, available), paged; q searches SKU codes and names',
      tags: ['inventory'],
      querystring: z.object({
        warehouse: z.string().optional(),
        sku: z.string().optional(),
        q: z.string().trim().max(100).optional(),
        after: z.string().regex(/^[^~]+~.+$/, 'after is "<warehouse>~<sku>" from the previous page').optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
    },
  }, async (request) => {
    const { warehouse, sku, q, after, limit } = request.query;
    const [afterWarehouse, ...rest] = after?.split('~') ?? [];
    const page = await listLevels(db, {
      warehouse, sku, q, limit, after: after ? { warehouse: afterWarehouse, sku: rest.join('~') } : undefined,
    });
    return { items: page.items, next: page.next ? `${page.next.warehouse}~${page.next.sku}` : null };
  });

  app.get('/api/inventory/levels/:warehouse/:sku', {
    config: { role: 'viewer' },
    schema: {
      summary: 'One level (with allocated, reserved, available) and its ledger, newest movement first; page on with before=nextBefore',
      tags: ['inventory'],
      params: z.object({ warehouse: z.string(), sku: z.string() }),
      querystring: z.object({
        before: z.coerce.number().int().optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
    },
  }, async (request) => getLevelWithLedger(db, request.params.warehouse, request.params.sku, request.query));
}
