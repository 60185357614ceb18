import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { key } from '../../core/schema-types.ts';
import { ChannelService, channelChangeSchema, newChannelSchema } from '../../core/channels.ts';
import { channelDescriptor, channelTypes } from '../../channels/registry.ts';
import { actorOf } from '../auth.ts';
import { lastRunsByChannel } from '../../core/sync/execute.ts';
import { noPushesWaiting, pushHealthByChannel } from '../../core/sync/push-health.ts';
import { noDrift, openDriftByChannel } from '../../core/sync/contract-guard.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import {
  channelList,
  channelModeView,
  channelTypeList,
  channelView,
  connectionTested,
  einvoicingTested,
  wouldSendList,
} from '../responses/channels.ts';
import { modeChangeSchema, setChannelMode } from '../../core/channel-mode/modes.ts';
import { listWouldSend } from '../../core/would-send.ts';
import { fromText, int32 } from '../../core/schema-types.ts';

export async function channelRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const service = new ChannelService(database.db, secrets, channelDescriptor);
  const params = z.object({ code: key('channel code') });

  app.get(
    '/api/channel-types',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Channel types Weft can connect, with their capabilities',
        response: answers({ 200: channelTypeList }),
        tags: ['channels'],
      },
    },
    async () => ({
      items: channelTypes().map((d) => ({ type: d.type, displayName: d.displayName, capabilities: d.capabilities })),
    }),
  );

  app.get(
    '/api/channels',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Manage Channels: every channel with its status, per stream its last run, the pushes it still owes AJIO, and its open contract drift events',
        response: answers({ 200: channelList }),
        tags: ['channels'],
      },
    },
    async () => {
      const items = await service.list();
      const rows = await Promise.all(items.map((c) => service.row(c.code)));
      const ids = rows.map((r) => r.id);
      const [lastRuns, pushes, drift] = await Promise.all([
        lastRunsByChannel(database, ids),
        pushHealthByChannel(database, ids),
        openDriftByChannel(database, ids),
      ]);
      return {
        items: items.map((c, i) => ({
          ...c,
          pushes: pushes.get(rows[i].id) ?? noPushesWaiting,
          contractDrift: drift.get(rows[i].id) ?? noDrift,
          streams: (lastRuns.get(rows[i].id) ?? []).map((r) => ({
            stream: r.stream,
            lastRunId: r.id,
            status: r.status,
            at: r.finishedAt ?? r.startedAt ?? r.createdAt,
            error: r.error,
            failed: r.failed,
          })),
        })),
      };
    },
  );

  app.post(
    '/api/channels',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Add a channel (for AJIO JIT: name, order source warehouse, settings and interface credentials)',
        response: answers({ 201: channelView }),
        tags: ['channels'],
        body: newChannelSchema,
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(request.body, actorOf(request))),
  );

  app.get(
    '/api/channels/:code',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Channel maintenance settings',
        response: answers({ 200: channelView }),
        tags: ['channels'],
        params,
      },
    },
    async (request) => service.get(request.params.code),
  );

  app.patch(
    '/api/channels/:code',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change channel settings or interface credentials (passwords are write-only; omitted ones are kept)',
        response: answers({ 200: channelView }),
        tags: ['channels'],
        params,
        body: channelChangeSchema,
      },
    },
    async (request) => service.update(request.params.code, request.body, actorOf(request)),
  );

  app.post(
    '/api/channels/:code/test-connection',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Log in to the marketplace with the stored credentials',
        response: answers({ 200: connectionTested }),
        tags: ['channels'],
        params,
      },
    },
    async (request) => service.testConnection(request.params.code),
  );

  app.post(
    '/api/channels/:code/test-einvoicing',
    {
      config: { role: 'operator' },
      schema: {
        summary:
          "Sign in to the GST e-invoice system (IRP) with the channel's stored e-invoicing settings and its warehouse's GSTIN",
        description:
          'Answers 200 with a sentence when the IRP signed Weft in; 422 (login_refused) naming what the IRP refused and what to check; 400 when e-invoicing is off or incomplete; 503 when the IRP could not be reached.',
        response: answers({ 200: einvoicingTested }),
        tags: ['channels'],
        params,
      },
    },
    async (request) => service.testEinvoicing(request.params.code),
  );

  app.put(
    '/api/channels/:code/mode',
    {
      config: { role: 'admin' },
      schema: {
        summary:
          'Change the channel mode: shadow (writes to the marketplace recorded, not sent), canary (live for the allowlisted SKUs and POs) or live',
        response: answers({ 200: channelModeView }),
        tags: ['channels'],
        params,
        body: modeChangeSchema,
      },
    },
    async (request) => setChannelMode(database, request.params.code, request.body, actorOf(request)),
  );

  app.get(
    '/api/channels/:code/would-send',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'What the channel would have sent the marketplace in the last hours while not live (newest first)',
        response: answers({ 200: wouldSendList }),
        tags: ['channels'],
        params,
        querystring: z.object({
          hours: fromText(int32({ min: 1, max: 24 * 90, message: 'Give hours from 1 to 2160 (90 days).' })).default(24),
        }),
      },
    },
    async (request) => {
      const row = await service.row(request.params.code);
      const hours = request.query.hours;
      return { hours, items: await listWouldSend(database.db, row.id, hours) };
    },
  );
}
