import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelDescriptor } from '../../channels/registry.ts';
import { audit } from '../../core/audit.ts';
import { ChannelService } from '../../core/channels.ts';
import { notFound } from '../../core/errors.ts';
import { flagParam, id64Param, key } from '../../core/schema-types.ts';
import { listContractDrift, listContractObservations, resolveContractDrift } from '../../core/sync/contract-guard.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { contractDrift, driftEvent } from '../responses/contract.ts';

/**
 * The contract guard of a channel: the fields the marketplace left out or sent as another type
 * (drift: the affected records are held), and the fields it added that the contract does not know.
 */
export async function contractDriftRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const channels = new ChannelService(database.db, secrets, channelDescriptor);
  const code = z.object({ code: key('channel code') });

  app.get(
    '/api/channels/:code/contract-drift',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          "Contract drift of a channel: each field a parser needs that the marketplace's answers left out or sent as another type (call, field, expected, got, a redacted sample, first/last seen, count), open first; and the unknown fields it sent",
        response: answers({ 200: contractDrift }),
        tags: ['channels'],
        params: code,
        querystring: z.object({ resolved: flagParam().optional() }),
      },
    },
    async (request) => {
      const channel = await channels.row(request.params.code);
      const items = await listContractDrift(database, channel.id, {
        includeResolved: request.query.resolved === 'true',
      });
      return {
        open: items.filter((e) => e.resolvedAt === null).length,
        items: items.map(({ channelId: _c, ...e }) => e),
        unknownFields: await listContractObservations(database, channel.id),
      };
    },
  );

  app.post(
    '/api/channels/:code/contract-drift/:id/resolve',
    {
      config: { role: 'operator' },
      schema: {
        summary:
          'Marks a drift event resolved (the connector or the marketplace was corrected); an answer that still drifts opens a new event',
        response: answers({ 200: driftEvent }),
        tags: ['channels'],
        params: code.extend({ id: id64Param('drift event number') }),
      },
    },
    async (request) => {
      const channel = await channels.row(request.params.code);
      const actor = actorOf(request);
      const done = await resolveContractDrift(database, channel.id, request.params.id, actor);
      if (!done) throw notFound(`Channel ${channel.code} has no open contract drift event ${request.params.id}.`);
      await audit(database.db, {
        actor,
        action: 'resolve',
        entity: 'contract_drift',
        entityId: String(request.params.id),
        after: { channel: channel.code },
      });
      const all = await listContractDrift(database, channel.id, { includeResolved: true });
      const { channelId: _c, ...event } = all.find((e) => e.id === request.params.id)!;
      return event;
    },
  );
}
