import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { closeReturn, qcUnit, receiveReturn } from '../../core/fulfilment/return-inbound.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';

/** Return inbound: receive a confirmed return, QC each scanned unit into stock or damaged, close it. */
export async function returnInboundRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.coerce.number().int().positive() });

  app.post('/api/returns/:id/receive', {
    schema: { summary: 'Start receiving a confirmed return', tags: ['returns'], params },
  }, async (request) => receiveReturn(database, request.params.id, actorOf(request)));

  app.post('/api/returns/:id/qc', {
    schema: {
      summary: 'QC one scanned unit (SKU code or EAN): good goes back on hand, bad to damaged',
      tags: ['returns'],
      params,
      body: z.object({ code: z.string().trim().min(1, 'Scan the unit: its SKU code or EAN.'), result: z.enum(['good', 'bad']) }),
    },
  }, async (request) => qcUnit(database, request.params.id, request.body.code, request.body.result, actorOf(request)));

  app.post('/api/returns/:id/close', {
    schema: { summary: 'Close a return; units not received are reported missing', tags: ['returns'], params },
  }, async (request) => closeReturn(database, request.params.id, actorOf(request)));
}
