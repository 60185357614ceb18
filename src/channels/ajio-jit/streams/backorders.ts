import type { StreamContext, StreamRunner } from '../../../core/channel-descriptor.ts';
import { oldestUnsettled, releaseUnseen, touchBackorders, upsertPendency } from '../../../core/backorders.ts';
import { databaseNow } from '../../../core/listing-sync.ts';
import { advanceCursor, readCursor, type CursorPosition } from '../../../core/sync/cursors.ts';
import type { RecordResult } from '../../../core/sync/runs.ts';
import { paths } from '../codes.ts';
import { channelClient } from '../client-cache.ts';
import { parsePendency } from '../parse/pendency.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';
import { fetchPage, risingClock } from './paging.ts';
import { guardAnswer } from '../contract/guard.ts';

type Context = StreamContext<AjioSettings, AjioInterface>;

/** Orders may reach AJIO's list a little after their order date; the window starts this much earlier. */
const lagMs = 2 * 60 * 60 * 1000;

interface PendencyCursor extends CursorPosition {
  /** Latest order date seen, on AJIO's clock. */
  newestOrderAt?: string | null;
}

export const unmappedPendency = (sku: string) =>
  `AJIO SKU ${sku} is not mapped to a Weft SKU: link it under Channel mappings, then retry.`;

/**
 * Where the read starts. AJIO has no updatedAt filter, so vanished lines (customer cancellations) are
 * found only by reading every open pendency order: from the oldest line still open here, and from a
 * lag before the newest order seen (for new orders) — never before the channel's order sync date.
 */
async function windowFrom(ctx: Context): Promise<Date> {
  const syncFrom = new Date(`${ctx.settings.orderSyncFrom}T00:00:00+05:30`);
  const cursor = (await readCursor(ctx.database.db, ctx.channel.id, 'backorders')) as PendencyCursor | null;
  if (!cursor?.newestOrderAt) return syncFrom;
  const oldest = await oldestUnsettled(ctx.database, ctx.channel.id);
  const fromNew = Date.parse(cursor.newestOrderAt) - lagMs;
  const start = Math.min(fromNew, oldest ? oldest.getTime() : fromNew);
  return new Date(Math.max(syncFrom.getTime(), start));
}

/**
 * One complete read of open pendency: upserts every line, then releases lines it did not see. A retry
 * run does the same full read — AJIO cannot be asked for single pendency lines — which re-processes
 * the failed lines of the earlier run (exceptions whose listing has been linked since become open).
 */
async function pull(ctx: Context): Promise<void> {
  const { database, channel } = ctx;
  const client = channelClient(ctx);
  const clock = risingClock();
  const pullStartedAt = await databaseNow(database);
  const from = await windowFrom(ctx);
  const query = { orderDateFrom: Math.floor(from.getTime() / 1000) };
  let newest: Date | null = null;
  let firstTotal: number | null = null;
  let shrank = false;
  for (let page = 1; ; page++) {
    const { items, totalPages, totalElements, body } = await fetchPage(client, paths.pendency, query, page, 'orders');
    await guardAnswer(database, channel.id, 'GET /orders/pendency', body);
    // Paging is by position in the open list: if it shrank meanwhile, later orders moved to pages
    // already read, so unseen lines may still be open — this pull then releases nothing.
    if (firstTotal === null) firstTotal = totalElements;
    else if (totalElements < firstTotal) shrank = true;
    const parsed = parsePendency(items);
    if (parsed.newestOrderAt && (!newest || parsed.newestOrderAt > newest)) newest = parsed.newestOrderAt;
    const results: RecordResult[] = await upsertPendency(database, channel.id, parsed.lines, unmappedPendency);
    await touchBackorders(
      database,
      channel.id,
      parsed.failures.map((f) => f.key),
    );
    results.push(
      ...parsed.failures.map(
        (f): RecordResult => ({ key: f.key, outcome: 'failed', message: f.message, payload: f.payload }),
      ),
    );
    await ctx.record(results);
    if (page >= totalPages || items.length === 0) break;
  }
  if (shrank) ctx.log.info('open pendency shrank during the pull; releasing waits for the next complete pull');
  else await ctx.record(await releaseUnseen(database, channel.id, pullStartedAt, from));
  const cursor = (await readCursor(database.db, channel.id, 'backorders')) as PendencyCursor | null;
  const previous = cursor?.newestOrderAt ? new Date(cursor.newestOrderAt) : null;
  const newestOrderAt = newest && (!previous || newest > previous) ? newest : previous;
  await advanceCursor(database.db, channel.id, 'backorders', {
    at: clock(),
    newestOrderAt: newestOrderAt?.toISOString() ?? null,
  });
}

export const backordersStream: StreamRunner<AjioSettings, AjioInterface> = {
  name: 'backorders',
  description: 'Pulls AJIO pendency: reserves stock for open back orders, releases customer-cancelled lines.',
  disabledBecause: (settings) =>
    settings.orders.orderSync ? null : 'Order sync is off in the channel settings: back orders are not pulled.',
  schedule: (settings) =>
    settings.orders.orderSync ? { everyMinutes: settings.orders.backOrderIntervalMinutes } : null,
  run: pull,
};
