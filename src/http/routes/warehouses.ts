import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { key } from '../../core/schema-types.ts';
import {
  createWarehouse,
  getWarehouse,
  listWarehouses,
  newWarehouseSchema,
  updateWarehouse,
  warehouseChangeSchema,
} from '../../core/warehouses.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { warehouse, warehouseList } from '../responses/catalog.ts';

export async function warehouseRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const params = z.object({ code: key('warehouse code') });

  app.get(
    '/api/warehouses',
    {
      config: { role: 'viewer' },
      schema: { summary: 'List warehouses', response: answers({ 200: warehouseList }), tags: ['warehouses'] },
    },
    async () => ({
      items: await listWarehouses(db),
    }),
  );
  app.post(
    '/api/warehouses',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Add a warehouse',
        response: answers({ 201: warehouse }),
        tags: ['warehouses'],
        body: newWarehouseSchema,
      },
    },
    async (request, reply) => reply.status(201).send(await createWarehouse(db, request.body, actorOf(request))),
  );
  app.get(
    '/api/warehouses/:code',
    {
      config: { role: 'viewer' },
      schema: { summary: 'One warehouse', response: answers({ 200: warehouse }), tags: ['warehouses'], params },
    },
    async (request) => getWarehouse(db, request.params.code),
  );
  app.patch(
    '/api/warehouses/:code',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change a warehouse',
        response: answers({ 200: warehouse }),
        tags: ['warehouses'],
        params,
        body: warehouseChangeSchema,
      },
    },
    async (request) => updateWarehouse(db, request.params.code, request.body, actorOf(request)),
  );
}
