import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { flagParam, key, limit, maxUnits, quantity, text } from '../../core/schema-types.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import { ChannelService } from '../../core/channels.ts';
import { invalid } from '../../core/errors.ts';
import { linkListingsFromCsv } from '../../core/listing-links-csv.ts';
import { linkListing, listListings, setListingBuffer, unlinkListing } from '../../core/listings.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { bufferCsvResult, linkCsvResult, listing, listingPage } from '../responses/listings.ts';
import { setBuffersFromCsv } from '../../core/listing-buffers-csv.ts';
import { withSpooledUpload } from '../upload-body.ts';

const linksLimitBytes = 50 * 1024 * 1024;

/** Channel mappings (listings ↔ Weft SKUs). */
export async function listingRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const channelsService = new ChannelService(db, secrets, channelDescriptor);
  const channelId = async (code: string) => (await channelsService.row(code)).id;
  const params = z.object({ code: key('channel code') });
  const listingParams = z.object({ code: key('channel code'), channelSku: key('channel SKU') });
  const flag = flagParam()
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'));

  // The SKU import registers the same streaming CSV parser; whichever module comes first adds it.
  if (!base.hasContentTypeParser('text/csv'))
    base.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));

  app.get(
    '/api/channels/:code/listings',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Channel mappings: the listings of a channel, filtered by mapped / active / search, paged by channel SKU',
        response: answers({ 200: listingPage }),
        tags: ['listings'],
        params,
        querystring: z.object({
          mapped: flag,
          active: flag,
          q: text({ max: 200 }).optional(),
          after: key('channel SKU').optional(),
          limit: limit(500, 50),
        }),
      },
    },
    async (request) => listListings(db, await channelId(request.params.code), request.query),
  );

  app.post(
    '/api/channels/:code/listings/:channelSku/link',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Link a listing to a Weft SKU (by SKU code)',
        response: answers({ 200: listing }),
        tags: ['listings'],
        params: listingParams,
        body: z.object({ sku: key('SKU code') }),
      },
    },
    async (request) =>
      linkListing(
        db,
        await channelId(request.params.code),
        request.params.channelSku,
        request.body.sku,
        actorOf(request),
      ),
  );

  app.delete(
    '/api/channels/:code/listings/:channelSku/link',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Unlink a listing; it stays unlinked until a person links it',
        response: answers({ 200: listing }),
        tags: ['listings'],
        params: listingParams,
      },
    },
    async (request) =>
      unlinkListing(db, await channelId(request.params.code), request.params.channelSku, actorOf(request)),
  );

  app.patch(
    '/api/channels/:code/listings/:channelSku',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Set the units held back from the marketplace for a listing (buffer)',
        response: answers({ 200: listing }),
        tags: ['listings'],
        params: listingParams,
        body: z.object({
          buffer: quantity({
            message: `Give the buffer as a whole number of units from 0 to ${maxUnits.toLocaleString('en-IN')}.`,
          }),
        }),
      },
    },
    async (request) =>
      setListingBuffer(
        db,
        await channelId(request.params.code),
        request.params.channelSku,
        request.body.buffer,
        actorOf(request),
      ),
  );

  app.post(
    '/api/channels/:code/listings/links',
    {
      config: { role: 'operator' },
      bodyLimit: linksLimitBytes,
      schema: {
        summary: 'Link listings in bulk from CSV (text/csv body, columns channel_sku,sku_code); one result per line',
        response: answers({ 200: linkCsvResult }),
        tags: ['listings'],
        params,
      },
    },
    async (request, reply) => {
      if (!request.headers['content-type']?.startsWith('text/csv')) {
        throw invalid(
          'Send the links as a CSV body with "Content-Type: text/csv" and the columns channel_sku,sku_code.',
        );
      }
      // Read to its end first, so refusing it (unknown channel, broken CSV) leaves the connection usable.
      return withSpooledUpload(request, reply, linksLimitBytes, async (body) =>
        linkListingsFromCsv(database, await channelId(request.params.code), body, actorOf(request)),
      );
    },
  );

  app.post(
    '/api/listing-buffers',
    {
      config: { role: 'admin' },
      bodyLimit: linksLimitBytes,
      schema: {
        summary:
          'Set listing buffers in bulk from CSV (text/csv body, columns channel,sku,buffer); one result per line',
        description:
          "`sku` is a listing's channel SKU or a Weft SKU code (which sets every listing of the channel linked to it). Bad lines are reported with why and the rest applied; a file that cannot be read as CSV is refused whole.",
        response: answers({ 200: bufferCsvResult }),
        tags: ['listings'],
      },
    },
    async (request, reply) => {
      if (!request.headers['content-type']?.startsWith('text/csv')) {
        throw invalid(
          'Send the buffers as a CSV body with "Content-Type: text/csv" and the columns channel,sku,buffer.',
        );
      }
      return withSpooledUpload(request, reply, linksLimitBytes, (body) =>
        setBuffersFromCsv(database, body, actorOf(request)),
      );
    },
  );
}
