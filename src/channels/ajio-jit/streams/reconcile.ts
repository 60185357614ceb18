import type { StreamContext, StreamRunner } from '../../../core/channel-descriptor.ts';
import { ajioPolicy } from '../policy.ts';
import { computeFigures, sourceWarehouseIds, type ListingFigure } from '../../../core/inventory/available.ts';
import {
  createReport,
  finishReport,
  markSeen,
  missingListingIds,
  recordDrifts,
  recordMissing,
  settleDrifts,
} from '../../../core/reconciliation.ts';
import { paths } from '../codes.ts';
import { guardAnswer } from '../contract/guard.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';
import { clientOf, pushFigures } from './inventory.ts';

/**
 * Daily (and on demand) reconciliation: reads AJIO's own stock figure of every variant from
 * /products, page by page, compares it with what Weft computes for the mapped listing, stores each
 * drift with both figures in a report, and pushes Weft's figure to correct it. Only one page of
 * products is in memory at a time, so 100,000 SKUs reconcile in constant memory.
 *
 * Each listing the read finds is stamped (reconciled_at). Once the whole catalogue has been read, the
 * active mapped listings left unstamped are ones AJIO no longer lists at all: they go in the report as
 * "missing", with Weft's figure and no correction (see missingListingIds for exactly which count).
 *
 * A variant whose answer carries no stock figure (or one that is not a whole number) is never taken
 * for 0 and never "corrected": the report and the run's record say AJIO sent no stock figure for it,
 * and the contract guard raises a drift event for the field.
 */
export interface AjioVariant {
  sku?: unknown;
  variantId?: unknown;
  inventory?: unknown;
}

type Context = StreamContext<AjioSettings, AjioInterface>;

/** AJIO's figure, or null when the variant carries none that can be read. */
export function ajioFigure(variant: AjioVariant): number | null {
  const value = variant.inventory;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

const missingPage = 1000;

/** After a complete read: adds the listings it did not see to the report, a page of listings at a time. */
async function reportMissing(ctx: Context, reportId: number, warehouseIds: number[]): Promise<void> {
  for (let after = 0; ; ) {
    const ids = await missingListingIds(ctx.database, {
      channelId: ctx.channel.id,
      reportId,
      after,
      limit: missingPage,
    });
    if (ids.length === 0) return;
    const figures = await computeFigures(ctx.database, { channelId: ctx.channel.id, warehouseIds, listingIds: ids });
    await recordMissing(
      ctx.database,
      reportId,
      figures.map((f) => ({ listingId: f.listingId, channelSku: f.channelSku, weftQty: f.pushed })),
    );
    if (ids.length < missingPage) return;
    after = ids[ids.length - 1];
  }
}

export const reconcileStream: StreamRunner<AjioSettings, AjioInterface> = {
  name: 'reconcile',
  description:
    "Compares AJIO's stock figures with Weft's, reports the drift and the listings AJIO no longer lists, and pushes corrections.",
  // On demand stays possible whenever stock is pushed at all; the daily schedule is its own switch.
  disabledBecause: (settings) =>
    settings.inventory?.enabled === false
      ? 'Inventory sync is off in the channel settings, so there is nothing to reconcile: turn it on first.'
      : null,
  schedule: (settings) => (settings.reconciliation?.enabled ? { dailyAtIst: settings.reconciliation.dailyAt } : null),
  async run(ctx) {
    const client = await clientOf(ctx);
    const warehouseIds = await sourceWarehouseIds(
      ctx.database,
      ctx.channel.warehouseId,
      ajioPolicy(ctx.settings).stockSource,
    );
    const reportId = await createReport(ctx.database, { channelId: ctx.channel.id, runId: ctx.runId });
    // The read is complete when its last page is the last AJIO announced; an empty page before that
    // ends the read early, and the listings not reached must not be taken for missing.
    let complete = false;
    for await (const page of client.pages<{ variants?: AjioVariant[] }>(paths.products, {}, (body) => body?.products)) {
      complete = page.page >= page.totalPages;
      await guardAnswer(ctx.database, ctx.channel.id, 'GET /products (stock figures)', page.body);
      const seen = new Map<string, number | null>();
      for (const product of page.items) {
        for (const variant of Array.isArray(product?.variants) ? product.variants : []) {
          const sku = String(variant?.sku ?? variant?.variantId ?? '');
          if (sku) seen.set(sku, ajioFigure(variant));
        }
      }
      if (seen.size === 0) continue;
      const figures = await computeFigures(ctx.database, {
        channelId: ctx.channel.id,
        warehouseIds,
        channelSkus: [...seen.keys()],
      });
      await markSeen(
        ctx.database,
        figures.map((f) => ({ listingId: f.listingId, marketplaceQty: seen.get(f.channelSku) ?? null })),
      );
      // No figure from AJIO: nothing to compare, so nothing to correct.
      const noFigure = figures.filter((f) => seen.get(f.channelSku) === null);
      const drifted: ListingFigure[] = figures.filter((f) => {
        const figure = seen.get(f.channelSku);
        return figure !== null && figure !== undefined && figure !== f.pushed;
      });
      const noFigureMessage = (sku: string) => `AJIO sent no stock figure for SKU ${sku}: nothing corrected.`;
      await recordDrifts(ctx.database, reportId, figures.length, [
        ...drifted.map((f) => ({
          listingId: f.listingId,
          channelSku: f.channelSku,
          marketplaceQty: seen.get(f.channelSku) ?? null,
          weftQty: f.pushed,
          message: null,
        })),
        ...noFigure.map((f) => ({
          listingId: f.listingId,
          channelSku: f.channelSku,
          marketplaceQty: null,
          weftQty: f.pushed,
          message: noFigureMessage(f.channelSku),
        })),
      ]);
      await ctx.record(
        noFigure.map((f) => ({
          key: f.channelSku,
          outcome: 'failed' as const,
          message: noFigureMessage(f.channelSku),
          payload: { channelSku: f.channelSku, weftQty: f.pushed },
        })),
      );
      const driftIds = new Set([...drifted, ...noFigure].map((f) => f.listingId));
      await ctx.record(
        figures
          .filter((f) => !driftIds.has(f.listingId))
          .map((f) => ({ key: f.channelSku, outcome: 'unchanged' as const })),
      );
      if (drifted.length) {
        await pushFigures(ctx, client, drifted);
        await settleDrifts(
          ctx.database,
          reportId,
          drifted.map((f) => f.listingId),
        );
      }
    }
    // Missing listings are reported, not recorded as the run's records: a retry of the run could not
    // bring them back, only a change on AJIO's side can.
    if (complete) await reportMissing(ctx, reportId, warehouseIds);
    else
      ctx.log.warn(
        { reportId },
        "AJIO's catalogue ended before its last page: listings missing at AJIO were not checked",
      );
    await finishReport(ctx.database, reportId, { missingChecked: complete });
  },
};
