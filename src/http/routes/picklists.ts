import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { key, limit } from '../../core/schema-types.ts';
import {
  advancePicklist,
  createPicklist,
  getPicklist,
  listPicklists,
  newPicklistSchema,
} from '../../core/fulfilment/picklists.ts';
import { actorOf } from '../auth.ts';
import { prefetchPicklist } from '../../core/fulfilment/prefetch.ts';
import { renderPicklist } from '../../core/documents/render/picklist.ts';
import { storeDocument } from '../../core/documents/store.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { picklistDetail, picklistPage, picklistPdf, prefetchResult } from '../responses/picklists.ts';

const statuses = ['pending', 'picking', 'picked', 'closed'] as const;

export async function picklistRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const deps = { database, secrets, lookup: channelDescriptor };
  const params = z.object({ code: key('picklist code') });

  app.post(
    '/api/picklists',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Create a picklist from the open orders of a warehouse (optionally one channel, PO dates)',
        response: answers({ 201: picklistDetail }),
        tags: ['fulfilment'],
        body: newPicklistSchema,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPicklist(db, request.body, actorOf(request), channelDescriptor)),
  );

  app.get(
    '/api/picklists',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Picklist enquiry: newest first, by warehouse and status, paged (next: the code to pass as before for the next page)',
        response: answers({ 200: picklistPage }),
        tags: ['fulfilment'],
        querystring: z.object({
          warehouse: key('warehouse code').optional(),
          status: z.enum(statuses, `A picklist's status is one of ${statuses.join(', ')}.`).optional(),
          before: key('picklist code').optional(),
          limit: limit(500, 100),
        }),
      },
    },
    async (request) => {
      const items = await listPicklists(db, request.query, channelDescriptor);
      return { items, next: items.length === request.query.limit ? items[items.length - 1].code : null };
    },
  );

  app.get(
    '/api/picklists/:code',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'A picklist with its orders and lines in walking order',
        response: answers({ 200: picklistDetail }),
        tags: ['fulfilment'],
        params,
      },
    },
    async (request) => getPicklist(db, request.params.code, channelDescriptor),
  );

  app.post(
    '/api/picklists/:code/status',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Move a picklist on: pending → picking → picked → closed',
        response: answers({ 200: picklistDetail }),
        tags: ['fulfilment'],
        params,
        body: z.object({ status: z.enum(statuses) }),
      },
    },
    async (request) => advancePicklist(db, request.params.code, request.body.status, channelDescriptor),
  );

  app.get(
    '/api/picklists/:code/pdf',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The picklist as a PDF, in walking order (stored once; printing again gives the same document)',
        response: answers({ 200: picklistPdf }),
        tags: ['fulfilment'],
        params,
      },
    },
    async (request, reply) => {
      const picklist = await getPicklist(db, request.params.code, channelDescriptor);
      const pdf = await renderPicklist({
        picklistId: picklist.code,
        warehouse: picklist.warehouse,
        createdAt: picklist.createdAt,
        createdBy: picklist.createdBy,
        lines: picklist.lines,
      });
      const { document } = await storeDocument(db, {
        kind: 'picklist',
        source: 'weft',
        bytes: pdf,
        reference: picklist.code,
        createdBy: actorOf(request),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="picklist-${picklist.code}.pdf"`)
        .header('x-weft-document-id', String(document.id))
        .send(pdf);
    },
  );

  app.post(
    '/api/picklists/:code/prefetch',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Prefetch deliveries: invoice and box labels of each PO now, for channels with prepack on',
        response: answers({ 200: prefetchResult }),
        tags: ['fulfilment'],
        params,
      },
    },
    async (request) => prefetchPicklist(deps, request.params.code, actorOf(request)),
  );
}
