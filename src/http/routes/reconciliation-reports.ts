import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cursorParam, id64Param, key, limit } from '../../core/schema-types.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import { ChannelService } from '../../core/channels.ts';
import { getReport, listReports, reportCsv, rowKinds } from '../../core/reconciliation.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { csvFile, reportDetail, reportPage } from '../responses/inventory.ts';

/** Reconciliation reports: a channel's list of them, and one report with its rows or as CSV. */
export async function reconciliationReportRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const channels = new ChannelService(database.db, secrets, channelDescriptor);
  const code = z.object({ code: key('channel code') });

  app.get(
    '/api/channels/:code/reconciliation-reports',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Reconciliation reports of a channel, newest first; page on with before=next',
        response: answers({ 200: reportPage }),
        tags: ['inventory'],
        params: code,
        querystring: z.object({ before: cursorParam().optional(), limit: limit(500, 50) }),
      },
    },
    async (request) => {
      const channel = await channels.row(request.params.code);
      const items = await listReports(database, { channelId: channel.id, ...request.query });
      // A full page may have more behind it: the next page is the reports before the last one shown.
      return { items, next: items.length === request.query.limit ? items[items.length - 1].id : null };
    },
  );

  app.get(
    '/api/reconciliation-reports/:id.csv',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          "A reconciliation report as CSV: every drifted SKU with both figures, then the mapped SKUs AJIO no longer lists (kind 'missing at AJIO', no AJIO figure)",
        response: answers({ 200: csvFile }),
        tags: ['inventory'],
        params: z.object({ id: id64Param('report number') }),
      },
    },
    async (request, reply) => {
      const csv = await reportCsv(database, request.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="reconciliation-${request.params.id}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/reconciliation-reports/:id',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          "A reconciliation report with its rows (paged by row id): kind 'drift' (both figures, corrected or not) and kind 'missing' (mapped SKUs AJIO no longer lists: Weft's figure, no AJIO figure, never corrected); kind= shows one",
        response: answers({ 200: reportDetail }),
        tags: ['inventory'],
        params: z.object({ id: id64Param('report number') }),
        querystring: z.object({
          after: cursorParam().optional(),
          limit: limit(10_000, 1000),
          kind: z.enum(rowKinds).optional(),
        }),
      },
    },
    async (request) => getReport(database, request.params.id, request.query),
  );
}
