import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cursorParam, id64Param, key, limit, text } from '../../core/schema-types.ts';
import { qcUnit, receiveReturn } from '../../core/fulfilment/return-inbound.ts';
import { closeReturnAndCredit } from '../../core/credit-notes/close-and-credit.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import { getReturn, listReturns, returnStatuses } from '../../core/returns.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { closeOutcome, qcOutcome, returnDetail, returnPage } from '../responses/returns.ts';

/**
 * Returns pulled from channels, and their inbound: receive a confirmed return, QC each scanned unit
 * into stock or damaged, close it.
 */
export async function returnRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const deps = { database, secrets, lookup: channelDescriptor };
  const params = z.object({ id: id64Param('return id') });

  app.get(
    '/api/returns',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Return orders pulled from channels, newest first; filtered by channel, status and return/PO number or AWB; keyset paged',
        tags: ['returns'],
        querystring: z.object({
          channel: key('channel code').optional(),
          status: z.enum(returnStatuses).optional(),
          q: text({ max: 100 }).trim().min(1).optional(),
          before: cursorParam().optional(),
          limit: limit(500, 50),
        }),
        response: answers({ 200: returnPage }),
      },
    },
    async (request) => listReturns(database, request.query),
  );

  app.get(
    '/api/returns/:id',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'A return order with its lines and what has been received of each',
        tags: ['returns'],
        params,
        response: answers({ 200: returnDetail }),
      },
    },
    async (request) => getReturn(database, request.params.id),
  );

  app.post(
    '/api/returns/:id/receive',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Start receiving a confirmed return',
        tags: ['returns'],
        params,
        response: answers({ 200: returnDetail }),
      },
    },
    async (request) => receiveReturn(database, request.params.id, actorOf(request)),
  );

  app.post(
    '/api/returns/:id/qc',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'QC one scanned unit (SKU code or EAN): good goes back on hand, bad to damaged',
        tags: ['returns'],
        params,
        body: z.object({
          code: text({ max: 200 }).trim().min(1, 'Scan the unit: its SKU code or EAN.'),
          result: z.enum(['good', 'bad']),
        }),
        response: answers({ 200: qcOutcome }),
      },
    },
    async (request) => qcUnit(database, request.params.id, request.body.code, request.body.result, actorOf(request)),
  );

  app.post(
    '/api/returns/:id/close',
    {
      config: { role: 'operator' },
      schema: {
        summary:
          'Close a return; units not received are reported missing; what came back is credited (a GST credit note against the invoice, a CRN at the IRP when e-invoicing is on)',
        tags: ['returns'],
        params,
        response: answers({ 200: closeOutcome }),
      },
    },
    async (request) => closeReturnAndCredit(deps, request.params.id, actorOf(request)),
  );
}
