import type { StreamContext, StreamRunner } from '../../../core/channel-descriptor.ts';
import { upsertReturn } from '../../../core/returns.ts';
import { advanceCursor, readCursor } from '../../../core/sync/cursors.ts';
import type { RecordResult } from '../../../core/sync/runs.ts';
import { paths } from '../codes.ts';
import { guardAnswer } from '../contract/guard.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';
import { clientOf } from './inventory.ts';

/**
 * Return Order Sync: AJIO's customer returns of dispatched POs become Weft return orders, CONFIRMED,
 * one line per returned order item, linked to the Weft order of the same PO when it exists. Keyed
 * on AJIO's return id, so pulling twice (or re-reading the lag window) creates nothing twice.
 */
type Ctx = StreamContext<AjioSettings, AjioInterface>;

interface AjioReturn {
  returnId: string;
  poNumber: string | null;
  orderItemId: string;
  sku: string;
  quantity: number;
  reason: string | null;
  awb: string | null;
  createdAt: number | null;
}

/** Re-read this much before the cursor: returns that AJIO records late still get pulled. */
const lagSeconds = 30 * 60;

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

/** AJIO's record in Weft's shape, or the sentence saying what is wrong with it. */
export function parseReturn(raw: unknown): AjioReturn | string {
  const r = (raw ?? {}) as Record<string, unknown>;
  const returnId = text(r.return_id);
  if (!returnId) return 'AJIO sent a return without return_id; it cannot be recorded until AJIO sends one.';
  const sku = text(r.sku);
  if (!sku) return `AJIO return ${returnId} names no SKU; it is kept here for a retry once AJIO sends it complete.`;
  const quantity = r.quantity;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
    return `AJIO return ${returnId} has quantity ${JSON.stringify(quantity ?? null)}, not a whole number of at least 1; it is kept here for a retry.`;
  }
  const created =
    typeof r.created_at === 'number'
      ? r.created_at
      : typeof r.created_at === 'string'
        ? Date.parse(r.created_at) / 1000
        : NaN;
  return {
    returnId,
    sku,
    quantity,
    poNumber: text(r.po_number),
    orderItemId: text(r.order_item_id) ?? returnId,
    reason: text(r.reason),
    awb: text(r.awb),
    createdAt: Number.isFinite(created) ? Math.floor(created) : null,
  };
}

/** Upserts one return with its line; says whether it was new, changed or already known, and flags an unmapped SKU. */
async function saveReturn(ctx: Ctx, raw: unknown): Promise<RecordResult> {
  const parsed = parseReturn(raw);
  if (typeof parsed === 'string')
    return {
      key: text((raw as Record<string, unknown>)?.return_id) ?? 'unknown',
      outcome: 'failed',
      message: parsed,
      payload: raw,
    };
  const r = parsed;
  const { outcome, skuMapped } = await upsertReturn(ctx.database, ctx.channel.id, {
    externalId: r.returnId,
    poNumber: r.poNumber,
    reason: r.reason,
    awb: r.awb,
    createdAtSeconds: r.createdAt,
    raw,
    line: { externalLineId: r.orderItemId, channelSku: r.sku, quantity: r.quantity },
  });
  if (!skuMapped) {
    return {
      key: r.returnId,
      outcome: 'failed',
      payload: raw,
      message: `Return ${r.returnId}: AJIO SKU ${r.sku} is not mapped to a Weft SKU, so the returned units cannot be received against one; map the listing, then retry this run.`,
    };
  }
  return { key: r.returnId, outcome };
}

/** Where the pull starts: the cursor less the lag window, or the channel's return-sync-from date (IST midnight). */
async function startAt(ctx: Ctx): Promise<number> {
  const cursor = await readCursor(ctx.database.db, ctx.channel.id, 'returns');
  if (cursor) return Math.floor(Date.parse(cursor.at) / 1000) - lagSeconds;
  return Math.floor(Date.parse(`${ctx.settings.returnSyncFrom}T00:00:00+05:30`) / 1000);
}

export const returnsStream: StreamRunner<AjioSettings, AjioInterface> = {
  name: 'returns',
  description: "Pulls AJIO's customer returns as CONFIRMED Weft return orders (Return Order Sync).",
  disabledBecause: (settings) =>
    settings.orders?.returnOrderSync
      ? null
      : 'Return order sync is off in the channel settings: turn it on to pull returns from AJIO.',
  schedule: (settings) => (settings.orders?.returnOrderSync ? { everyMinutes: 60 } : null),
  async run(ctx) {
    if (ctx.retrying) {
      // A retry re-saves the returns that failed (typically an SKU mapped since); lines fill in their SKU.
      await ctx.setTotal(ctx.retrying.length);
      for (const record of ctx.retrying) await ctx.record([await saveReturn(ctx, record.payload)]);
      return;
    }
    const client = await clientOf(ctx);
    const from = await startAt(ctx);
    let latest = 0;
    for await (const page of client.pages<unknown>(paths.returns, { createdFrom: from }, (body) => body?.returns)) {
      if (page.page === 1) await ctx.setTotal(page.totalElements);
      await guardAnswer(ctx.database, ctx.channel.id, 'GET /returns', page.body);
      const results: RecordResult[] = [];
      for (const raw of page.items) {
        results.push(await saveReturn(ctx, raw));
        const created = (raw as { created_at?: unknown })?.created_at;
        if (typeof created === 'number' && created > latest) latest = created;
      }
      await ctx.record(results);
    }
    // Moved only after every page: AJIO does not promise an order, so a crash mid-way re-reads from the old cursor.
    if (latest > 0)
      await advanceCursor(ctx.database.db, ctx.channel.id, 'returns', { at: new Date(latest * 1000).toISOString() });
  },
};
