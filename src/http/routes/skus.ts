import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { flagParam, key, limit, text } from '../../core/schema-types.ts';
import { createSku, getSku, listSkus, updateSku } from '../../core/catalog/skus.ts';
import { newSkuSchema, skuChangeSchema } from '../../core/catalog/sku-fields.ts';
import { importSkuCsv, skuCsvColumns } from '../../core/catalog/sku-import.ts';
import { invalid } from '../../core/errors.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { sku, skuImportResult, skuPage } from '../responses/catalog.ts';
import { withSpooledUpload } from '../upload-body.ts';

const importLimitBytes = 200 * 1024 * 1024;

export async function skuRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;
  const params = z.object({ code: key('SKU code') });

  // CSV bodies are handed over as a stream, so a 100,000-line master is never held whole in memory.
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));

  app.get(
    '/api/skus',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'List SKUs, searchable, paged by code',
        response: answers({ 200: skuPage }),
        tags: ['skus'],
        querystring: z.object({
          q: text({ max: 200 }).optional(),
          active: flagParam().optional(),
          after: key('SKU code').optional(),
          limit: limit(500, 50),
        }),
      },
    },
    async (request) => {
      const { q, active, after, limit } = request.query;
      return listSkus(db, { q, after, limit, active: active === undefined ? undefined : active === 'true' });
    },
  );

  app.post(
    '/api/skus',
    {
      config: { role: 'operator' },
      schema: { summary: 'Add a SKU', response: answers({ 201: sku }), tags: ['skus'], body: newSkuSchema },
    },
    async (request, reply) => reply.status(201).send(await createSku(db, request.body, actorOf(request))),
  );

  app.get(
    '/api/skus/:code',
    {
      config: { role: 'viewer' },
      schema: { summary: 'One SKU', response: answers({ 200: sku }), tags: ['skus'], params },
    },
    async (request) => getSku(db, request.params.code),
  );

  app.patch(
    '/api/skus/:code',
    {
      config: { role: 'operator' },
      schema: {
        summary: 'Change a SKU',
        response: answers({ 200: sku }),
        tags: ['skus'],
        params,
        body: skuChangeSchema,
      },
    },
    async (request) => updateSku(db, request.params.code, request.body, actorOf(request)),
  );

  app.post(
    '/api/skus/import',
    {
      config: { role: 'operator' },
      bodyLimit: importLimitBytes,
      schema: {
        summary: 'Import the SKU master from CSV (text/csv body)',
        description:
          `Columns: ${skuCsvColumns.join(', ')} (code, name and mrp required; mrp in rupees; active yes/no). ` +
          'Rows are inserted or updated by code; invalid rows are reported by line and skipped. ' +
          'A file that cannot be read as CSV (such as a broken quote) is refused whole with 400 naming the line: nothing of it is written. ' +
          'With ?dryRun=true every line is checked the same way and nothing is written (a preview).',
        response: answers({ 200: skuImportResult }),
        tags: ['skus'],
        querystring: z.object({ dryRun: flagParam().optional() }),
      },
    },
    async (request, reply) => {
      if (!request.headers['content-type']?.startsWith('text/csv')) {
        throw invalid('Send the SKU master as a CSV body with "Content-Type: text/csv".');
      }
      return withSpooledUpload(request, reply, importLimitBytes, (body) =>
        importSkuCsv(database, body, { actor: actorOf(request), dryRun: request.query.dryRun === 'true' }),
      );
    },
  );
}
