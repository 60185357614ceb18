import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cursorParam, key, limit, text } from '../../core/schema-types.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import { dispatchManifest } from '../../core/fulfilment/manifest-dispatch.ts';
import {
  createManifests,
  getManifest,
  listManifests,
  listReadyShipments,
  manifestStatuses,
} from '../../core/fulfilment/manifests.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { createdManifests, dispatchOutcome, manifestDetail, manifestPage, readyPage } from '../responses/manifests.ts';

/** Manifests of ready shipments, and their dispatch to the marketplace (calling it again retries refused POs). */
export async function manifestRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const deps = { database, secrets, lookup: channelDescriptor };
  const params = z.object({ code: text({ max: 200 }).trim().min(1, 'Give the manifest code.') });

  app.post(
    '/api/manifests',
    {
      config: { role: 'operator' },
      schema: {
        summary: "Create manifests from the ready shipments of a channel and warehouse (split at the channel's cap)",
        response: answers({ 201: createdManifests }),
        tags: ['fulfilment'],
        body: z.object({
          channel: text({ max: 200 }).trim().min(1, 'Choose the channel whose shipments go on the manifest.'),
          warehouse: text({ max: 200 }).trim().min(1, 'Choose the warehouse the shipments leave from.'),
        }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({ items: await createManifests(deps, request.body, actorOf(request)) }),
  );

  app.get(
    '/api/manifests',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Manifests, newest first, by channel and status',
        response: answers({ 200: manifestPage }),
        tags: ['fulfilment'],
        querystring: z.object({
          channel: key('channel code').optional(),
          status: z.enum(manifestStatuses).optional(),
          before: key('manifest code').optional(),
          limit: limit(500, 50),
        }),
      },
    },
    async (request) => listManifests(database, request.query),
  );

  app.get(
    '/api/manifests/ready',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Shipments ready for a manifest (invoiced, with AWBs, on no live manifest), by channel and warehouse, paged, with their total',
        response: answers({ 200: readyPage }),
        tags: ['fulfilment'],
        querystring: z.object({
          channel: key('channel code').optional(),
          warehouse: key('warehouse code').optional(),
          after: cursorParam().optional(),
          limit: limit(500, 50),
        }),
      },
    },
    async (request) => listReadyShipments(database, request.query),
  );

  app.get(
    '/api/manifests/:code',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'A manifest with its POs (status and marketplace message), attempts and documents',
        response: answers({ 200: manifestDetail }),
        tags: ['fulfilment'],
        params,
      },
    },
    async (request) => getManifest(database, request.params.code),
  );

  app.post(
    '/api/manifests/:code/dispatch',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Dispatch the manifest to the marketplace; again: retries the POs it refused',
        response: answers({ 200: dispatchOutcome }),
        tags: ['fulfilment'],
        params,
      },
    },
    async (request) => dispatchManifest(deps, request.params.code, actorOf(request)),
  );
}
