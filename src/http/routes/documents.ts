import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { flagParam, id64Param, key, limit } from '../../core/schema-types.ts';
import { getDocument, listDocuments } from '../../core/documents/store.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { documentFile, documentList } from '../responses/documents.ts';

/** A file name that survives every browser: invoice numbers carry "/", which a file name cannot. */
const fileSafe = (value: string) => value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'document';

export async function documentRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;

  app.get(
    '/api/documents',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Stored documents (metadata, no bytes), newest first; filter by order, reference or kind',
        tags: ['documents'],
        querystring: z.object({
          orderId: id64Param('order id').optional(),
          reference: key('reference').optional(),
          kind: key('document kind', 50).optional(),
          includeVoided: flagParam().default('false'),
          limit: limit(1000, 200),
        }),
        response: answers({ 200: documentList }),
      },
    },
    async (request) => {
      const q = request.query;
      const items = await listDocuments(db, {
        orderId: q.orderId,
        reference: q.reference,
        kind: q.kind,
        includeVoided: q.includeVoided === 'true',
        limit: q.limit,
      });
      return { items: items.map((d) => ({ ...d, url: `/api/documents/${d.id}` })) };
    },
  );

  app.get(
    '/api/documents/:id',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'One stored document as its file (application/pdf), for viewing and reprinting',
        tags: ['documents'],
        params: z.object({ id: id64Param('document id') }),
        response: answers({ 200: documentFile }),
      },
    },
    async (request, reply) => {
      const doc = await getDocument(db, request.params.id);
      const extension = doc.contentType === 'application/pdf' ? 'pdf' : 'bin';
      reply
        .header('content-type', doc.contentType)
        .header('content-length', String(doc.bytes.length))
        .header('content-disposition', `inline; filename="${fileSafe(`${doc.kind}-${doc.reference}`)}.${extension}"`)
        .header('etag', `"${doc.sha256}"`);
      // A void document is still shown (it is history), but says so.
      if (doc.voidedAt) reply.header('x-weft-document-void', fileSafe(doc.voidReason ?? 'void'));
      return reply.send(doc.bytes);
    },
  );
}
