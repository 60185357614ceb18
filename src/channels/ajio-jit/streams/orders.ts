import type { StreamContext, StreamRunner } from '../../../core/channel-descriptor.ts';
import { ingestOrders, openOrderIds } from '../../../core/orders/create-order.ts';
import type { ParsedOrder } from '../../../core/orders/types.ts';
import { advanceCursor, readCursor } from '../../../core/sync/cursors.ts';
import type { RecordResult } from '../../../core/sync/runs.ts';
import { paths } from '../codes.ts';
import { channelClient } from '../client-cache.ts';
import { parseOrdersAnswer } from '../contract/guard.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';

/**
 * Order pull (docs/ajio-contract.md §5): POs by `po_date` windows from a forward-only cursor, each
 * window re-reading a lag before the cursor (a PO can become visible at AJIO a little after its
 * po_date), the cursor checkpointed after each complete window. Then the orders still open in Weft that
 * the windows did not cover are read again by id, so AJIO-side changes (a cancelled PO, a customer
 * cancellation, a dispatch) are applied. Every page lands in one transaction, idempotent on the PO
 * number; a PO that cannot be created is kept on hold and recorded as failed, so a retry run reads it
 * again from AJIO. Every answer goes through the contract guard first: a PO missing a field the parser
 * needs (or sending it as another type) is held with its payload and raises a contract drift event.
 */
export const streamName = 'orders';
/** Re-read before the cursor on every run. */
export const lagMs = 30 * 60 * 1000;
/** The cursor is checkpointed after each window of this length. */
export const windowMs = 24 * 60 * 60 * 1000;
const idsPerCall = 50;

type Ctx = StreamContext<AjioSettings, AjioInterface>;
const ordersOf = (body: any): unknown[] => body?.orders;
const epoch = (ms: number) => Math.floor(ms / 1000);

/** Starts fetching the next page while the current one is written, so AJIO and the database work at once. */
async function* prefetched<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  next.catch(() => {});
  for (;;) {
    const current = await next;
    if (current.done) return;
    next = source.next();
    next.catch(() => {});
    yield current.value;
  }
}

function lookupId(parsed: ParsedOrder): string | null {
  return 'order' in parsed
    ? parsed.order.externalId
    : (parsed.unreadable.externalId ?? (parsed.unreadable.poNumber || null));
}

/** `body`: AJIO's whole answer when the POs come from one, for the contract guard. */
async function ingestPage(ctx: Ctx, raws: unknown[], seen: Set<string>, body?: unknown): Promise<void> {
  const parsed = await parseOrdersAnswer(ctx.database, ctx.channel.id, raws, body);
  const actor = `sync:${ctx.channel.code}`;
  const results = await ingestOrders(
    ctx.database,
    { id: ctx.channel.id, warehouseId: ctx.channel.warehouseId },
    parsed,
    actor,
  );
  const byPo = new Map(parsed.map((p) => ['order' in p ? p.order.poNumber : p.unreadable.poNumber, p] as const));
  const records: RecordResult[] = results.map((r) => {
    seen.add(r.poNumber);
    const p = byPo.get(r.poNumber)!;
    return {
      key: r.poNumber,
      outcome: r.outcome,
      message: r.message,
      payload: r.outcome === 'failed' ? { poNumber: r.poNumber, lookupId: lookupId(p), orderId: r.orderId } : undefined,
    };
  });
  // A PO without a number cannot become an order row; its payload is kept with the failed record.
  for (const p of parsed) {
    if ('unreadable' in p && !p.unreadable.poNumber) {
      records.push({
        key: p.unreadable.externalId ?? 'PO without a number',
        outcome: 'failed',
        message: p.unreadable.reason,
        payload: { raw: p.unreadable.raw },
      });
    }
  }
  await ctx.record(records);
}

/** Reads POs again by id (order id or PO number), 50 per call, and applies them. */
async function refreshByIds(ctx: Ctx, ids: string[], seen: Set<string>): Promise<Set<string>> {
  const client = channelClient(ctx);
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += idsPerCall) {
    const chunk = ids.slice(i, i + idsPerCall);
    const body = await client.get<{ orders?: unknown[] }>(paths.orders, { orderIds: chunk.join(',') });
    const raws = ordersOf(body) ?? [];
    for (const raw of raws) {
      const r = raw as { order_id?: unknown; po_number?: unknown };
      found.add(String(r.order_id)).add(String(r.po_number));
    }
    await ingestPage(ctx, raws, seen, body);
  }
  return found;
}

/** A retry run: the failed POs of an earlier run, read again from AJIO (a kept payload when AJIO has no copy). */
async function retry(ctx: Ctx, seen: Set<string>): Promise<void> {
  const records = ctx.retrying ?? [];
  await ctx.setTotal(records.length);
  const ids = records
    .map((r) => (r.payload as { lookupId?: string } | null)?.lookupId)
    .filter((id): id is string => !!id);
  const found = await refreshByIds(ctx, [...new Set(ids)], seen);
  const lost: RecordResult[] = [];
  for (const record of records) {
    const payload = record.payload as { lookupId?: string; raw?: unknown } | null;
    if (payload?.raw !== undefined) await ingestPage(ctx, [payload.raw], seen);
    else if (payload?.lookupId && !found.has(payload.lookupId)) {
      lost.push({
        key: record.recordKey,
        outcome: 'failed',
        message: `AJIO no longer returns PO ${record.recordKey}: its order stays on hold in Weft with the payload kept.`,
        payload,
      });
    }
  }
  await ctx.record(lost);
}

export async function pullOrders(ctx: Ctx): Promise<void> {
  const seen = new Set<string>();
  if (ctx.retrying) return retry(ctx, seen);
  const client = channelClient(ctx);
  const db = ctx.database.db;
  const syncFrom = Date.parse(`${ctx.settings.orderSyncFrom}T00:00:00+05:30`);
  const cursor = await readCursor(db, ctx.channel.id, streamName);
  const now = Date.now();
  let from = Math.max(syncFrom, cursor ? Date.parse(cursor.at) - lagMs : syncFrom);
  let counted = 0;
  while (from < now) {
    const to = Math.min(from + windowMs, now);
    // The last window is open-ended: AJIO's clock may run ahead of ours, and a PO it dates later is still read.
    const query = { poDateFrom: epoch(from), poDateTo: to < now ? epoch(to) : undefined };
    for await (const page of prefetched(client.pages(paths.orders, query, ordersOf))) {
      if (page.page === 1) await ctx.setTotal(counted + page.totalElements);
      await ingestPage(ctx, page.items, seen, page.body);
      counted += page.items.length;
    }
    await advanceCursor(db, ctx.channel.id, streamName, { at: new Date(to).toISOString() });
    from = to;
  }
  // Orders still open in Weft that the windows did not cover: AJIO may have changed them since.
  await refreshByIds(ctx, await openOrderIds(db, ctx.channel.id, seen), seen);
}

export const ordersStream: StreamRunner<AjioSettings, AjioInterface> = {
  name: streamName,
  description: 'Purchase orders: creates Weft orders from AJIO POs (allocating stock) and applies AJIO status changes',
  disabledBecause: (settings) =>
    settings.orders?.orderSync === false
      ? 'Order sync is off for this channel: turn on "Order Sync" in its order settings to pull purchase orders.'
      : null,
  schedule: (settings) =>
    settings.orders?.orderSync === false ? null : { everyMinutes: settings.orders.orderIntervalMinutes },
  run: pullOrders,
};
