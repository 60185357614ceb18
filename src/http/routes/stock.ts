import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { key, text } from '../../core/schema-types.ts';
import { countCsvColumns } from '../../core/inventory/count-lines.ts';
import { applyStockSnapshot, importStockCsv } from '../../core/inventory/stock-import.ts';
import { invalid } from '../../core/errors.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { stockBatchResult } from '../responses/stock.ts';
import { withSpooledUpload } from '../upload-body.ts';

// About a million count lines; every line of a batch is held (checked and sorted) before it is applied.
const limitBytes = 32 * 1024 * 1024;
const jsonLinesTypes = ['application/x-ndjson', 'application/jsonl', 'application/json-lines'];

export async function stockRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  // Bodies are handed over as streams and spooled to disk (upload-body.ts), never held whole in memory.
  if (!base.hasContentTypeParser('text/csv'))
    base.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  for (const type of jsonLinesTypes)
    if (!base.hasContentTypeParser(type))
      base.addContentTypeParser(type, (_request, payload, done) => done(null, payload));

  app.post(
    '/api/stock/imports',
    {
      config: { role: 'operator' },
      bodyLimit: limitBytes,
      schema: {
        summary: 'Import absolute stock counts from CSV (text/csv body); preview=1 checks without applying',
        description:
          `Columns: ${countCsvColumns.join(', ')} (header required; reason optional). Each line sets the level of the ` +
          "warehouse and SKU to its count through a 'count' movement in the ledger. Bad lines are reported with all " +
          'their problems and skipped; the others are applied in one transaction. The batch is known by `reference` ' +
          '(default: a hash of the file): importing it again changes nothing and answers the first result (status replayed).',
        response: answers({ 200: stockBatchResult }),
        tags: ['inventory'],
        querystring: z.object({
          preview: z.enum(['1', '0', 'true', 'false'], 'Give preview=1 to check without applying.').optional(),
          reference: text({ max: 200 }).optional(),
        }),
      },
    },
    async (request, reply) => {
      if (!request.headers['content-type']?.startsWith('text/csv')) {
        throw invalid('Send the counts as a CSV body with "Content-Type: text/csv".');
      }
      const { preview, reference } = request.query;
      return withSpooledUpload(request, reply, limitBytes, (body) =>
        importStockCsv(database, body, {
          actor: actorOf(request),
          reference: reference || undefined,
          preview: preview === '1' || preview === 'true',
        }),
      );
    },
  );

  app.put(
    '/api/stock/snapshots/:snapshotId',
    {
      config: { role: 'operator' },
      bodyLimit: limitBytes,
      schema: {
        summary: 'A stock snapshot from an ERP or WMS: absolute counts as JSON lines, applied once per snapshot id',
        description:
          'Body (application/x-ndjson): one object per line, {"warehouse":"MUM1","sku":"TEE-M","quantity":12} with an ' +
          'optional "reason". Each line sets the level to its count; bad lines are reported with all their problems and ' +
          'skipped. Sending the same snapshot id again changes nothing and answers the original result (status replayed); ' +
          'the same id with other content is refused (409). Warehouses and SKUs not in the snapshot are left as they are.',
        response: answers({ 200: stockBatchResult }),
        tags: ['inventory'],
        params: z.object({ snapshotId: key('snapshot id') }),
      },
    },
    async (request, reply) => {
      const type = request.headers['content-type']?.split(';')[0].trim();
      if (!type || !jsonLinesTypes.includes(type)) {
        throw invalid('Send the snapshot as JSON lines with "Content-Type: application/x-ndjson", one count per line.');
      }
      return withSpooledUpload(request, reply, limitBytes, (body) =>
        applyStockSnapshot(database, request.params.snapshotId, body, { actor: actorOf(request) }),
      );
    },
  );
}
