import { channelClient } from '../client-cache.ts';
import type { StreamContext, StreamRunner } from '../../../core/channel-descriptor.ts';
import { ajioPolicy } from '../policy.ts';
import { fullPushCursor, sourceWarehouseIds } from '../../../core/inventory/available.ts';
import {
  claimDuePage,
  markInProcess,
  markOutcomes,
  type PushFigure,
  type PushOutcome,
} from '../../../core/inventory/push-status.ts';
import { readCursor } from '../../../core/sync/cursors.ts';
import type { RecordResult } from '../../../core/sync/runs.ts';
import type { AjioClient } from '../client.ts';
import { maxInventoryBatch, paths } from '../codes.ts';
import { AjioError } from '../errors.ts';
import { guardAnswer } from '../contract/guard.ts';
import { driftSentence } from '../contract/index.ts';
import { liveFor, readMode, WithheldWrite, writeGate } from '../../../core/channel-mode/gate.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';

/**
 * Sends figures to AJIO's /updateInventory: absolute quantities, 50 per call. Before a call each
 * listing is marked 'in_process' with its breakdown; after it, 'success', or 'error' with AJIO's own
 * per-item message, or 'submitted' when the call went out but its answer was lost. Anything not
 * 'success' is sent again by the next run — safe, because AJIO's inventory is absolute.
 */
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
function ajioIds(figure: PushFigure): { productId: string; variantId: string } | null {
  const [productId, variantId, ...rest] = figure.channelProductId.split('~');
  return productId && variantId && rest.length === 0 ? { productId, variantId } : null;
}

/** A figure ready to send: its AJIO ids split out once. */
type Sendable = PushFigure & { productId: string; variantId: string };

async function sendBatch(ctx: StreamContext, client: AjioClient, batch: Sendable[]): Promise<PushOutcome[]> {
  const inventoryList = batch.map((f) => ({
    productId: f.productId,
    variantId: f.variantId,
    sku: f.channelSku,
    inventory: f.pushed,
  }));
  let answer: UpdateInventoryAnswer;
  try {
    answer = await client.post<UpdateInventoryAnswer>(
      paths.inventory,
      { inventoryList },
      writeGate(ctx.database.db, ctx.channel.id, 'inventory update', {
        kind: 'sku',
        values: batch.map((f) => f.channelSku),
      }),
    );
  } catch (error) {
    if (error instanceof WithheldWrite) {
      // Not sent, by the channel's mode: the figure stays as computed and is sent once the SKU is live
      // (a mode change asks for a full push).
      return batch.map((f) => ({ listingId: f.listingId, status: 'withheld', message: error.message }));
    }
    if (!(error instanceof AjioError)) throw error;
    // A whole batch that failed: marked per item, retried by the next run.
    const status = error.kind === 'indeterminate' ? 'submitted' : 'error';
    const message =
      status === 'submitted'
        ? `Sent, but AJIO's answer was lost (${error.message}); the figure is sent again on the next run.`
        : error.message;
    return batch.map((f) => ({ listingId: f.listingId, status, message }));
  }
  // An answer whose status or failure list is missing or of another type is not read as "all taken":
  // the drift is recorded and the batch stays 'submitted', sent again by the next run (AJIO's figure is
  // absolute, so sending it again is safe).
  const check = await guardAnswer(ctx.database, ctx.channel.id, 'POST /updateInventory', answer);
  if (check.drift.length) {
    const message = `Contract drift: ${driftSentence('POST /updateInventory', check.drift)}. What AJIO took is unknown; the figure is sent again on the next run.`;
    return batch.map((f) => ({ listingId: f.listingId, status: 'submitted', message }));
  }
  const failures = new Map<string, string>();
  const list = Array.isArray(answer?.failedProductList) ? answer.failedProductList : [];
  for (const item of list) {
    const key = String(item?.sku ?? item?.variantId ?? '');
    failures.set(
      key,
      typeof item?.message === 'string' && item.message ? item.message : 'AJIO refused this item without a reason',
    );
  }
  const status = typeof answer?.status === 'string' ? answer.status : '';
  if (!['SUCCESS', 'PARTIAL_SUCCESS', 'FAILED'].includes(status)) {
    const message = `AJIO answered /updateInventory without a known status (${JSON.stringify(answer?.status ?? null)}); the figure is sent again on the next run.`;
    return batch.map((f) => ({ listingId: f.listingId, status: 'submitted', message }));
  }
  return batch.map((f) => {
    const failed = failures.size === 0 ? undefined : (failures.get(f.channelSku) ?? failures.get(f.variantId));
    if (failed !== undefined) return { listingId: f.listingId, status: 'error', message: `AJIO: ${failed}` };
    if (status === 'FAILED')
      return {
        listingId: f.listingId,
        status: 'error',
        message: 'AJIO refused the whole batch (FAILED) without naming this item.',
      };
    return { listingId: f.listingId, status: 'success', message: null };
  });
}

/**
 * Pushes figures, `concurrency` calls of 50 at a time (the client's pacer still keeps to the
 * channel's rate limit), records every outcome on the run, and returns what AJIO accepted.
 */
export async function pushFigures(
  ctx: StreamContext,
  client: AjioClient,
  figures: PushFigure[],
  options: { concurrency?: number } = {},
): Promise<PushSummary> {
  await markInProcess(ctx.database, ctx.runId, figures);
  return sendMarked(ctx, client, figures, options);
}

/** Sends figures already marked 'in_process' for this run, then records their outcomes. */
async function sendMarked(
  ctx: StreamContext,
  client: AjioClient,
  figures: PushFigure[],
  options: { concurrency?: number } = {},
): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, succeeded: 0, failed: 0, accepted: new Set() };
  if (figures.length === 0) return summary;
  const sendable: Sendable[] = [];
  const outcomes: PushOutcome[] = [];
  for (const f of figures) {
    const ids = ajioIds(f);
    if (ids !== null) sendable.push({ ...f, ...ids });
    else {
      outcomes.push({
        listingId: f.listingId,
        status: 'error',
        message: `The listing's product id "${f.channelProductId}" is not productId~variantId: pull AJIO's SKUs again to repair it.`,
      });
    }
  }
  // In canary, the live SKUs' lines go in calls of their own and the rest in others (which the gate
  // records as would-send), so one withheld SKU never holds back a live one.
  const mode = await readMode(ctx.database.db, ctx.channel.id);
  const live = sendable.filter((f) => liveFor(mode, 'sku', f.channelSku));
  const kept = sendable.filter((f) => !liveFor(mode, 'sku', f.channelSku));
  const batches: Sendable[][] = [];
  for (const group of [live, kept])
    for (let i = 0; i < group.length; i += maxInventoryBatch) batches.push(group.slice(i, i + maxInventoryBatch));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      outcomes.push(...(await sendBatch(ctx, client, batch)));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  await markOutcomes(ctx.database, outcomes);
  const byId = new Map(figures.map((f) => [f.listingId, f]));
  const results: RecordResult[] = outcomes.map((o) => {
    const f = byId.get(o.listingId)!;
    if (o.status === 'success') return { key: f.channelSku, outcome: 'updated' };
    if (o.status === 'withheld') return { key: f.channelSku, outcome: 'unchanged', message: o.message ?? undefined };
    return {
      key: f.channelSku,
      outcome: 'failed',
      message: `${f.channelSku}: ${o.message}`,
      payload: { listingId: f.listingId, channelSku: f.channelSku, quantity: f.pushed, status: o.status },
    };
  });
  await ctx.record(results);
  summary.sent = sendable.length;
  for (const o of outcomes) {
    if (o.status === 'withheld') continue;
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
  return channelClient(ctx);
}

/** Figures computed per page of this many listings; pushes of that page go out before the next. */
const pageSize = 5000;

export const inventoryStream: StreamRunner<AjioSettings, AjioInterface> = {
  name: 'inventory',
  description:
    'Pushes on hand − allocated − reserved for pendency − buffer of every mapped listing to AJIO; only changed figures, 50 per call.',
  disabledBecause: (settings) =>
    settings.inventory?.enabled === false
      ? 'Inventory sync is off in the channel settings: turn it on to push stock to AJIO.'
      : null,
  schedule: (settings) =>
    settings.inventory?.mode === 'scheduled'
      ? { everyMinutes: settings.inventory.intervalMinutes }
      : // Real time: the scheduler looks every minute, so a change reaches AJIO within about 60 s.
        { everyMinutes: 1 },
  async run(ctx) {
    const client = await clientOf(ctx);
    const warehouseIds = await sourceWarehouseIds(
      ctx.database,
      ctx.channel.warehouseId,
      ajioPolicy(ctx.settings).stockSource,
    );
    const full = await readCursor(ctx.database.db, ctx.channel.id, fullPushCursor);
    const fullSince = full ? new Date(full.at) : null;
    let pending = 0;
    // Each page's due figures are chosen and marked 'in_process' in one statement; the next page is
    // claimed while the current one is being sent.
    const pageAfter = (after: number) =>
      claimDuePage(ctx.database, {
        channelId: ctx.channel.id,
        warehouseIds,
        after,
        limit: pageSize,
        fullSince,
        runId: ctx.runId,
      });
    let next = pageAfter(0);
    for (;;) {
      const page = await next;
      if (page.pageEnd === null) break;
      next = pageAfter(page.pageEnd);
      next.catch(() => {}); // a failure surfaces when awaited; never as an unhandled rejection meanwhile
      if (page.due.length === 0) continue;
      pending += page.due.length;
      await ctx.setTotal(pending);
      await sendMarked(ctx, client, page.due);
    }
    ctx.log.info({ pushed: pending }, 'inventory push done');
  },
};
