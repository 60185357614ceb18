import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeBox, finishPack, openBox, packState, scanUnit, unscanUnit } from '../../core/fulfilment/pack.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';

/** The pack station: every call answers with the order's whole pack state, so a screen can redraw from it. */
export async function packRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const params = z.object({ id: z.coerce.number().int() });
  const scan = z.object({ code: z.string().trim().min(1, 'Scan a barcode.') });

  app.get('/api/orders/:id/pack', { schema: { summary: 'Pack state: lines, boxes, open box, units left', tags: ['pack'], params } }, async (request) =>
    packState(db, request.params.id));
  app.post('/api/orders/:id/pack/box', {
    schema: { summary: 'Open a box by scanning its box/LPN id', tags: ['pack'], params, body: z.object({ box: z.string().trim().min(1, 'Scan the box id.') }) },
  }, async (request) => openBox(db, request.params.id, request.body.box, actorOf(request)));
  app.post('/api/orders/:id/pack/scan', {
    schema: { summary: 'Scan one unit (SKU code or EAN) into the open box', tags: ['pack'], params, body: scan },
  }, async (request) => scanUnit(db, request.params.id, request.body.code));
  app.post('/api/orders/:id/pack/unscan', {
    schema: { summary: 'Take one unit back out of the open box', tags: ['pack'], params, body: scan },
  }, async (request) => unscanUnit(db, request.params.id, request.body.code));
  app.post('/api/orders/:id/pack/close-box', {
    schema: { summary: 'Close the open box with its weight', tags: ['pack'], params, body: z.object({ weightGrams: z.number().int() }) },
  }, async (request) => closeBox(db, request.params.id, request.body.weightGrams));
  app.post('/api/orders/:id/pack/finish', {
    schema: { summary: 'Finish packing: unpacked units become short-picked; the order is packed', tags: ['pack'], params },
  }, async (request) => finishPack(db, request.params.id, actorOf(request)));
}
