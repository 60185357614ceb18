import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelDescriptor } from '../../channels/registry.ts';
import { cutoverCsv, cutoverSections } from '../../core/cutover/csv.ts';
import { cutoverReport } from '../../core/cutover/report.ts';
import { fromText, int32, key } from '../../core/schema-types.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { cutoverReport as reportSchema } from '../responses/cutover.ts';
import { csvFile } from '../responses/inventory.ts';

/**
 * The cut-over report ("Ready to go live?") of a channel, as JSON and as one CSV per table. Each request
 * reads the marketplace now (its stock figures and the POs compared), so it takes as long as a
 * reconciliation read.
 */
export async function cutoverReportRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const deps = { database, secrets, lookup: channelDescriptor };
  const params = z.object({ code: key('channel code') });
  const hours = fromText(
    int32({ min: 1, max: 720, message: 'hours is a whole number from 1 to 720 (30 days).' }),
  ).default(24);

  app.get(
    '/api/channels/:code/cutover-report',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          "Cut-over report of a channel: \"Ready to go live?\" (blocking items and warnings, each with what to do), per SKU Weft's figure against the marketplace's current one and why they differ, per PO Weft's status against the marketplace's, mapping coverage, and the writes withheld in the last `hours` (default 24)",
        response: answers({ 200: reportSchema }),
        tags: ['channels'],
        params,
        querystring: z.object({ hours }),
      },
    },
    async (request) => cutoverReport(deps, request.params.code, { hours: request.query.hours }),
  );

  app.get(
    '/api/channels/:code/cutover-report.csv',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'One table of the cut-over report as CSV: section=skus (figures and reasons), pos (statuses) or would-send (every withheld write of the last `hours`, with its body)',
        response: answers({ 200: csvFile }),
        tags: ['channels'],
        params,
        querystring: z.object({ hours, section: z.enum(cutoverSections).default('skus') }),
      },
    },
    async (request, reply) => {
      const { hours: h, section } = request.query;
      const report = await cutoverReport(deps, request.params.code, { hours: h, entries: 100_000 });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="cutover-${report.channel.code.toLowerCase()}-${section}.csv"`,
        )
        .send(cutoverCsv(report, section));
    },
  );
}
