import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelDescriptor } from '../../channels/registry.ts';
import { invalid } from '../../core/errors.ts';
import { calendarDate, key } from '../../core/schema-types.ts';
import { channelCoverage } from '../../core/orders/coverage.ts';
import { channelForFigures, channelPerformance, daysBetween, istDay } from '../../core/orders/performance.ts';
import { coverageCsv, performanceCsv } from '../../core/orders/performance-csv.ts';
import { sourceWarehouseIds } from '../../core/inventory/available.ts';
import { nowOf, type AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { csvFile } from '../responses/inventory.ts';
import { coverageAnswer, performanceAnswer } from '../responses/performance.ts';

/**
 * A channel's dashboard figures: fill rate, on-time dispatch, seller cancellations and short picks per
 * PO day (src/core/orders/performance.ts says what each counts), and coverage of open demand by stock
 * (coverage.ts); each also as CSV.
 */
export async function channelPerformanceRoutes(base: FastifyInstance, context: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database } = context;
  const params = z.object({ code: key('channel code') });
  const range = z.object({ from: calendarDate().optional(), to: calendarDate().optional() });

  const channelOf = (code: string) => channelForFigures(database.db, code, channelDescriptor);

  /** Default: the 14 PO days up to today (IST, by Weft's clock); at most 366 days. */
  function rangeOf(query: { from?: string; to?: string }) {
    const now = nowOf(context);
    const to = query.to ?? istDay(now);
    const from = query.from ?? istDay(new Date(new Date(`${to}T12:00:00+05:30`).getTime() - 13 * 86_400_000));
    if (from > to) throw invalid(`from (${from}) is after to (${to}): give from on or before to.`, 'from');
    if (daysBetween(from, to).length > 366) throw invalid('Ask for at most 366 days at once.', 'to');
    return { from, to };
  }

  async function performance(code: string, query: { from?: string; to?: string }) {
    const { row, sla } = await channelOf(code);
    const figures = await channelPerformance(database.db, { id: row.id, sla }, rangeOf(query), nowOf(context));
    return { channel: row.code, targetHours: sla.targetHours, ...figures };
  }

  async function coverage(code: string) {
    const { row, stockSource } = await channelOf(code);
    const warehouses = await sourceWarehouseIds(database, row.warehouseId, stockSource);
    return { channel: row.code, items: await channelCoverage(database, row.id, warehouses) };
  }

  const tags = ['channels'];
  app.get(
    '/api/channels/:code/performance',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Fill rate, on-time dispatch %, seller cancellation % and short-pick % per PO day (IST), with totals',
        tags,
        params,
        querystring: range,
        response: answers({ 200: performanceAnswer }),
      },
    },
    async (request) => performance(request.params.code, request.query),
  );
  app.get(
    '/api/channels/:code/performance.csv',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The performance figures as CSV: one row per PO day and a total row',
        tags,
        params,
        querystring: range,
        response: answers({ 200: csvFile }),
      },
    },
    async (request, reply) => {
      const p = await performance(request.params.code, request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${p.channel}-performance-${p.from}-${p.to}.csv"`)
        .send(performanceCsv(p));
    },
  );
  app.get(
    '/api/channels/:code/coverage',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Per SKU: open PO and pendency units against stock on hand; coverage below 100% predicts a short pick',
        tags,
        params,
        response: answers({ 200: coverageAnswer }),
      },
    },
    async (request) => coverage(request.params.code),
  );
  app.get(
    '/api/channels/:code/coverage.csv',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The coverage table as CSV, shortest coverage first',
        tags,
        params,
        response: answers({ 200: csvFile }),
      },
    },
    async (request, reply) => {
      const c = await coverage(request.params.code);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${c.channel}-coverage.csv"`)
        .send(coverageCsv(c.items));
    },
  );
}
