import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelDescriptor } from '../../channels/registry.ts';
import { audit } from '../../core/audit.ts';
import { ChannelService } from '../../core/channels.ts';
import { invalid } from '../../core/errors.ts';
import { dateTime, int32, key } from '../../core/schema-types.ts';
import { forgetWireJournalSetting } from '../../core/wire-journal/recorder.ts';
import {
  MAX_JOURNAL_DAYS,
  setWireJournal,
  wireJournalNdjson,
  wireJournalSettings,
  wireJournalStatus,
} from '../../core/wire-journal/store.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { wireJournalFile, wireJournalStatus as statusAnswer } from '../responses/wire-journal.ts';

/**
 * A channel's wire journal: the switch and the number of days it keeps (admins), and the captured
 * request/answer pairs as NDJSON — redacted, but still the seller's business, so admins only.
 */
export async function wireJournalRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const channels = new ChannelService(database.db, secrets, channelDescriptor);
  const code = z.object({ code: key('channel code') });

  app.get(
    '/api/channels/:code/wire-journal',
    {
      config: { role: 'admin' },
      schema: {
        summary:
          "A channel's wire journal: whether it captures request/answer pairs with the marketplace, for how many days it keeps them, and how many it holds",
        response: answers({ 200: statusAnswer }),
        tags: ['channels'],
        params: code,
      },
    },
    async (request) => {
      const channel = await channels.row(request.params.code);
      return wireJournalStatus(database.db, channel.id);
    },
  );

  app.put(
    '/api/channels/:code/wire-journal',
    {
      config: { role: 'admin' },
      schema: {
        summary:
          'Turns the wire journal of a channel on or off, and sets how many days it keeps entries (secrets and tokens are redacted before anything is written)',
        response: answers({ 200: statusAnswer }),
        tags: ['channels'],
        params: code,
        body: z
          .object({
            enabled: z.boolean().optional(),
            days: int32({
              min: 1,
              max: MAX_JOURNAL_DAYS,
              message: `Keep the journal between 1 and ${MAX_JOURNAL_DAYS} days.`,
            }).optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      const channel = await channels.row(request.params.code);
      const before = await wireJournalSettings(database.db, channel.id);
      const after = await setWireJournal(database.db, channel.id, request.body);
      forgetWireJournalSetting(database, channel.id);
      await audit(database.db, {
        actor: actorOf(request),
        action: 'update',
        entity: 'wire_journal',
        entityId: channel.code,
        before,
        after,
      });
      return wireJournalStatus(database.db, channel.id);
    },
  );

  app.get(
    '/api/channels/:code/wire-journal.ndjson',
    {
      config: { role: 'admin' },
      schema: {
        summary:
          "The channel's wire journal as NDJSON (one redacted request/answer pair per line, oldest first) from `from` (inclusive) to `to` (exclusive): the file `weft replay` checks",
        response: answers({ 200: wireJournalFile }),
        tags: ['channels'],
        params: code,
        querystring: z.object({ from: dateTime().optional(), to: dateTime().optional() }),
      },
    },
    async (request, reply) => {
      const channel = await channels.row(request.params.code);
      const { from, to } = request.query;
      if (from && to && from >= to) throw invalid('Give a `from` before `to`.', 'from');
      return (
        reply
          .header('content-type', 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="wire-journal-${channel.code}.ndjson"`)
          // Streamed page by page; the declared answer is the text the stream adds up to.
          .send(Readable.from(wireJournalNdjson(database.db, channel, { from, to })) as unknown as string)
      );
    },
  );
}
