import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id64Param, int32, text } from '../../core/schema-types.ts';
import { closeBox, finishPack, openBox, packState, scanUnit, unscanUnit } from '../../core/fulfilment/pack.ts';
import { actorOf } from '../auth.ts';
import { AppError } from '../../core/errors.ts';
import { completePackDocuments } from '../../core/fulfilment/after-pack.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import { packDocumentsJob } from '../../jobs/definitions/pack-documents.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { finishedPack, packDocuments, packState as packStateAnswer, waitingShelf } from '../responses/pack.ts';
import { waitingForDocuments } from '../../core/fulfilment/documents-sweep.ts';

/** Heaviest box a pack station weighs, in grams: a tonne, far above any courier's limit. */
const maxBoxGrams = 1_000_000;

/** The pack station: every call answers with the order's whole pack state, so a screen can redraw from it. */
export async function packRoutes(base: FastifyInstance, { database, secrets, jobs }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const deps = { database, secrets, lookup: channelDescriptor };
  const params = z.object({ id: id64Param('order id') });
  const scan = z.object({ code: text({ max: 200 }).trim().min(1, 'Scan a barcode.') });

  app.get(
    '/api/orders/:id/pack',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Pack state: lines, boxes, open box, units left',
        response: answers({ 200: packStateAnswer }),
        tags: ['pack'],
        params,
      },
    },
    async (request) => packState(db, request.params.id),
  );
  app.post(
    '/api/orders/:id/pack/box',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Open a box by scanning its box/LPN id',
        response: answers({ 200: packStateAnswer }),
        tags: ['pack'],
        params,
        body: z.object({ box: text({ max: 200 }).trim().min(1, 'Scan the box id.') }),
      },
    },
    async (request) => openBox(db, request.params.id, request.body.box, actorOf(request), channelDescriptor),
  );
  app.post(
    '/api/orders/:id/pack/scan',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Scan one unit (SKU code or EAN) into the open box',
        response: answers({ 200: packStateAnswer }),
        tags: ['pack'],
        params,
        body: scan,
      },
    },
    async (request) => scanUnit(db, request.params.id, request.body.code),
  );
  app.post(
    '/api/orders/:id/pack/unscan',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Take one unit back out of the open box',
        response: answers({ 200: packStateAnswer }),
        tags: ['pack'],
        params,
        body: scan,
      },
    },
    async (request) => unscanUnit(db, request.params.id, request.body.code),
  );
  app.post(
    '/api/orders/:id/pack/close-box',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Close the open box with its weight',
        response: answers({ 200: packStateAnswer }),
        tags: ['pack'],
        params,
        body: z.object({
          weightGrams: int32({
            min: 1,
            max: maxBoxGrams,
            message: `Give the box weight in grams: a whole number from 1 to ${maxBoxGrams}.`,
          }),
        }),
      },
    },
    async (request) => closeBox(db, request.params.id, request.body.weightGrams, actorOf(request)),
  );
  app.post(
    '/api/orders/:id/pack/finish',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Finish packing: unpacked units become short-picked; then the invoice and box labels are made',
        response: answers({ 200: finishedPack }),
        tags: ['pack'],
        params,
        body: z.object({ acceptTaxDifference: z.boolean().default(false) }).default({ acceptTaxDifference: false }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const state = await finishPack(db, request.params.id, actor);
      return { ...state, ...(await documentsAfterPack(request.params.id, actor, request.body.acceptTaxDifference)) };
    },
  );

  app.get(
    '/api/pack/waiting',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Packed orders still waiting for their invoice or labels (the marketplace or the IRP failed at Finish), oldest first',
        response: answers({ 200: waitingShelf }),
        tags: ['pack'],
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
    },
    async (request) => ({ items: await waitingForDocuments(deps, request.query.limit) }),
  );

  app.post(
    '/api/orders/:id/documents',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Make (or finish making) the invoice and box labels of a packed order',
        response: answers({ 200: packDocuments }),
        tags: ['pack'],
        params,
        body: z.object({ acceptTaxDifference: z.boolean().default(false) }).default({ acceptTaxDifference: false }),
      },
    },
    async (request) =>
      completePackDocuments(deps, request.params.id, actorOf(request), {
        acceptTaxDifference: request.body.acceptTaxDifference,
      }),
  );

  /**
   * The pack is done whatever the marketplace says; if it cannot be reached the documents follow from
   * a background job, and the packer is told so instead of being stopped.
   */
  async function documentsAfterPack(orderId: number, actor: string, acceptTaxDifference: boolean) {
    try {
      return {
        documents: await completePackDocuments(deps, orderId, actor, { acceptTaxDifference }),
        documentsPending: null,
      };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'unavailable') await jobs.send(packDocumentsJob.name, { orderId, actor });
      return {
        documents: null,
        documentsPending: {
          code: error.code,
          message: error.message,
          details: error.details,
          retrying: error.code === 'unavailable',
        },
      };
    }
  }
}
