import { channelClient } from '../client-cache.ts';
import type { StreamContext, StreamRunner } from '../../../core/channel-descriptor.ts';
import { computeFigures, fullPushCursor, sourceWarehouseIds, type ListingFigure } from '../../../core/inventory/available.ts';
import { readCursor } from '../../../core/sync/cursors.ts';
import type { RecordResult } from '../../../core/sync/runs.ts';
import type { AjioClient } from '../client.ts';
import { maxInventoryBatch, paths } from '../codes.ts';
import { AjioError } from '../errors.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';

/**
 * Sends figures to AJIO's /updateInventory: absolute quantities, 50 per call. Before a call each
 * listing is marked 'in_process' with its breakdown; after it, 'success', or 'error' with AJIO's own
 * per-item message, or 'submitted' when the call went out but its answer was lost. Anything not
 * 'success' is sent again by the next run — safe, because AJIO's inventory is absolute.
 */
type Outcome = { listingId: number; status: 'success' | 'error' | 'submitted'; message: string | null };

interface UpdateInventoryAnswer {
  status?: unknown;
  failedProductList?: { productId?: unknown; variantId?: unknown; sku?: unknown; message?: unknown }[];
}

export interface PushSummary {
  sent: number;
  succeeded: number;
  failed: number;
  /** Listing ids AJIO accepted. */
  accepted: Set<number>;
}

/** `productId~variantId`, as the SKU pull stores it in channel_product_id. */
function ajioIds(figure: ListingFigure): { productId: string; variantId: string } | null {
  const [productId, variantId, ...rest] = figure.channelProductId.split('~');
  return productId && variantId && rest.length === 0 ? { productId, variantId } : null;
}

async function sendBatch(client: AjioClient, batch: ListingFigure[]): Promise<Outcome[]> {
  const inventoryList = batch.map((f) => ({ ...ajioIds(f)!, sku: f.channelSku, inventory: f.pushed }));
  let answer: UpdateInventoryAnswer;
  try {
    answer = await client.post<UpdateInventoryAnswer>(paths.inventory, { inventoryList });
  } catch (error) {
    if (!(error instanceof AjioError)) throw error;
    // A whole batch that failed: marked per item, retried by the next run.
    const status = error.kind === 'indeterminate' ? 'submitted' : 'error';
    const message = status === 'submitted'
      ? `Sent, but AJIO's answer was lost (${error.message}); the figure is sent again on the next run.`
      : error.message;
    return batch.map((f) => ({ listingId: f.listingId, status, message }));
  }
  const failures = new Map<string, string>();
  const list = Array.isArray(answer?.failedProductList) ? answer.failedProductList : [];
  for (const item of list) {
    const key = String(item?.sku ?? item?.variantId ?? '');
    failures.set(key, typeof item?.message === 'string' && item.message ? item.message : 'AJIO refused this item without a reason');
  }
  const status = typeof answer?.status === 'string' ? answer.status : '';
  if (!['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED'].includes(status)) {
    const message = `AJIO answered /updateInventory without a known status (${JSON.stringify(answer?.status ?? null)}); the figure is sent again on the next run.`;
    return batch.map((f) => ({ listingId: f.listingId, status: 'submitted', message }));
  }
  return batch.map((f) => {
    const failed = failures.get(f.channelSku) ?? failures.get(ajioIds(f)!.variantId);
    if (failed !== undefined) return { listingId: f.listingId, status: 'error', message: `AJIO: ${failed}` };
    if (status === 'FAILED') return { listingId: f.listingId, status: 'error', message: 'AJIO refused the whole batch (FAILED) without naming this item.' };
    return { listingId: f.listingId, status: 'success', message: null };
  });
}

async function markInProcess(ctx: StreamContext, figures: ListingFigure[]): Promise<void> {
  await ctx.database.query(`
    insert into listing_inventory (listing_id, quantity, breakdown, status, message, run_id, pushed_at)
    select t.id, t.pushed,
           jsonb_build_object('onHand', t.on_hand, 'allocated', t.allocated, 'reserved', t.reserved, 'buffer', t.buffer, 'pushed', t.pushed),
           'in_process', null, $7, now()
    from unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[]) as t(id, pushed, on_hand, allocated, reserved, buffer)
    on conflict (listing_id) do update set quantity = excluded.quantity, breakdown = excluded.breakdown,
      status = 'in_process', message = null, run_id = excluded.run_id, pushed_at = now()`,
  [
    figures.map((f) => f.listingId), figures.map((f) => f.pushed), figures.map((f) => f.onHand),
    figures.map((f) => f.allocated), figures.map((f) => f.reserved), figures.map((f) => f.buffer), ctx.runId,
  ]);
}

async function markOutcomes(ctx: StreamContext, outcomes: Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await ctx.database.query(`
    update listing_inventory li set status = t.status, message = t.message, pushed_at = now()
    from unnest($1::bigint[], $2::text[], $3::text[]) as t(id, status, message)
    where li.listing_id = t.id`,
  [outcomes.map((o) => o.listingId), outcomes.map((o) => o.status), outcomes.map((o) => o.message)]);
}

/**
 * Pushes figures, `concurrency` calls of 50 at a time (the client's pacer still keeps to the
 * channel's rate limit), records every outcome on the run, and returns what AJIO accepted.
 */
export async function pushFigures(
  ctx: StreamContext, client: AjioClient, figures: ListingFigure[], options: { concurrency?: number } = {},
): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, succeeded: 0, failed: 0, accepted: new Set() };
  if (figures.length === 0) return summary;
  const sendable = figures.filter((f) => ajioIds(f) !== null);
  const outcomes: Outcome[] = figures.filter((f) => ajioIds(f) === null).map((f) => ({
    listingId: f.listingId, status: 'error',
    message: `The listing's product id "${f.channelProductId}" is not productId~variantId: pull AJIO's SKUs again to repair it.`,
  }));
  await markInProcess(ctx, figures);
  const batches: ListingFigure[][] = [];
  for (let i = 0; i < sendable.length; i += maxInventoryBatch) batches.push(sendable.slice(i, i + maxInventoryBatch));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      outcomes.push(...await sendBatch(client, batch));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  await markOutcomes(ctx, outcomes);
  const byId = new Map(figures.map((f) => [f.listingId, f]));
  const results: RecordResult[] = outcomes.map((o) => {
    const f = byId.get(o.listingId)!;
    if (o.status === 'success') return { key: f.channelSku, outcome: 'updated' };
    return {
      key: f.channelSku, outcome: 'failed', message: `${f.channelSku}: ${o.message}`,
      payload: { listingId: f.listingId, channelSku: f.channelSku, quantity: f.pushed, status: o.status },
    };
  });
  await ctx.record(results);
  summary.sent = sendable.length;
  for (const o of outcomes) {
    if (o.status === 'success') {
      summary.succeeded++;
      summary.accepted.add(o.listingId);
    } else summary.failed++;
  }
  return summary;
}

/**
 * The channel's shared client. Imported when a run starts: the descriptor imports the stream list,
 * so a static import here would be a cycle that breaks whichever module loads first.
 */
export async function clientOf(ctx: StreamContext<AjioSettings, AjioInterface>): Promise<AjioClient> {
  return channelClient(ctx.channel.code, ctx.settings, ctx.credentials);
}

/**
 * Whether a listing's figure goes out in this run: it changed since the last successful push, the
 * last push did not succeed (failed SKUs are retried), or a full push was asked for after it.
 */
export function needsPush(figure: ListingFigure, fullSince: Date | null): boolean {
  const last = figure.last;
  if (!last || last.status !== 'success' || last.quantity !== figure.pushed) return true;
  return fullSince !== null && last.pushedAt < fullSince;
}

/** Figures computed per page of this many listings; pushes of that page go out before the next. */
const pageSize = 5000;

export const inventoryStream: StreamRunner<AjioSettings, AjioInterface> = {
  name: 'inventory',
  description: 'Pushes on hand − allocated − reserved for pendency − buffer of every mapped listing to AJIO; only changed figures, 50 per call.',
  disabledBecause: (settings) => (settings.inventory?.enabled === false
    ? 'Inventory sync is off in the channel settings: turn it on to push stock to AJIO.' : null),
  schedule: (settings) => (settings.inventory?.mode === 'scheduled'
    ? { everyMinutes: settings.inventory.intervalMinutes }
    // Real time: the scheduler looks every minute, so a change reaches AJIO within about 60 s.
    : { everyMinutes: 1 }),
  async run(ctx) {
    const client = await clientOf(ctx);
    const warehouseIds = await sourceWarehouseIds(ctx.database, { warehouseId: ctx.channel.warehouseId, settings: ctx.settings });
    const full = await readCursor(ctx.database.db, ctx.channel.id, fullPushCursor);
    const fullSince = full ? new Date(full.at) : null;
    let pending = 0;
    const pageAfter = (after: number) => computeFigures(ctx.database, { channelId: ctx.channel.id, warehouseIds, after, limit: pageSize });
    // The next page is computed while the current one is being sent.
    let next = pageAfter(0);
    for (;;) {
      const page = await next;
      if (page.length === 0) break;
      next = pageAfter(page[page.length - 1].listingId);
      next.catch(() => {}); // a failure surfaces when awaited; never as an unhandled rejection meanwhile
      const due = page.filter((f) => needsPush(f, fullSince));
      if (due.length === 0) continue;
      pending += due.length;
      await ctx.setTotal(pending);
      await pushFigures(ctx, client, due);
    }
    ctx.log.info({ pushed: pending }, 'inventory push done');
  },
};
