import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { discrepanciesCsv, listDiscrepancies } from '../../core/fulfilment/discrepancies.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { csvFile } from '../responses/inventory.ts';
import { discrepancyPage } from '../responses/pack.ts';

/** Pack discrepancies: what packs recorded that the marketplace cannot take, as a page or as CSV. */
export async function discrepancyRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  const when = z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'Give a date or time as ISO-8601, such as 2026-11-01.')
    .transform((v) => new Date(v));
  const discrepancyQuery = z.object({ channel: z.string().optional(), from: when.optional(), to: when.optional() });
  app.get(
    '/api/discrepancies',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'What packs recorded that the marketplace cannot take (a prefetched box weighed other than planned), newest first, paged',
        response: answers({ 200: discrepancyPage }),
        tags: ['pack'],
        querystring: discrepancyQuery.extend({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
    },
    async (request) => listDiscrepancies(database, request.query),
  );
  app.get(
    '/api/discrepancies.csv',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The discrepancy list as CSV (up to 5,000 rows), for the account manager',
        response: answers({ 200: csvFile }),
        tags: ['pack'],
        querystring: discrepancyQuery,
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="discrepancies.csv"')
        .send(await discrepanciesCsv(database, request.query)),
  );
}
