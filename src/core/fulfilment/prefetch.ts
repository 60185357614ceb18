import { eq } from 'drizzle-orm';
import { boxes, picklists } from '../../db/schema.ts';
import { AppError } from '../errors.ts';
import { getPicklist } from './picklists.ts';
import { loadOrderContext, requireOrderSync, type FulfilmentDeps } from './deps.ts';
import { packedLines } from './invoice-data.ts';
import { activeInvoice, prefetchInvoice } from './invoicing.ts';
import { labelOrder } from './labels.ts';
import { savePlan } from './pack-plan.ts';
import { readBackLines } from './read-back.ts';

/**
 * "Prefetch deliveries" on a pending picklist (the seed's prepack): for each PO of a channel with
 * prepack on, the invoice and box labels are fetched now for the PO as ordered in one planned box,
 * whose id is printed on the label (`<PO>-1`). The marketplace then holds that plan — its invoice is made once per
 * PO and cannot be changed — so the plan is kept (planned_boxes, with the AWB the marketplace issued) and the
 * pack station packs exactly it (pack-plan.ts). The Weft order stays packable: the marketplace now says
 * READY_TO_DISPATCH, which the order pull keeps beside Weft's status (orders/lifecycle.ts).
 */
export interface PrefetchOutcome {
  poNumber: string;
  invoiceNumber?: string;
  masterAwb?: string;
  boxCode?: string;
  skipped?: string;
  error?: string;
}

/** Planned weight per unit when nothing is weighed yet; the real weight replaces it at pack time. */
const plannedGramsPerUnit = 300;

export async function prefetchPicklist(
  deps: FulfilmentDeps,
  code: string,
  actor: string,
): Promise<{ code: string; orders: PrefetchOutcome[] }> {
  const picklist = await getPicklist(deps.database.db, code, deps.lookup);
  if (picklist.status !== 'pending') {
    throw new AppError('conflict', `Prefetch works on pending picklists; ${picklist.code} is ${picklist.status}.`);
  }
  const outcomes: PrefetchOutcome[] = [];
  for (const member of picklist.orders) {
    const ctx = await loadOrderContext(deps, member.id);
    if (!ctx.descriptor.policy(ctx.channel.settings).prepack) {
      outcomes.push({ poNumber: ctx.order.poNumber, skipped: `prepack is off for channel ${ctx.channel.code}` });
      continue;
    }
    const [started] = await deps.database.db
      .select({ id: boxes.id })
      .from(boxes)
      .where(eq(boxes.orderId, ctx.order.id))
      .limit(1);
    if (started || !['open', 'picking'].includes(ctx.order.status)) {
      outcomes.push({
        poNumber: ctx.order.poNumber,
        skipped: started
          ? 'packing has started: the pack makes its invoice'
          : `it is ${ctx.order.status.replace(/_/g, ' ')}`,
      });
      continue;
    }
    try {
      requireOrderSync(ctx.channel, ctx.descriptor);
      const ready = await activeInvoice(deps, ctx.order.id);
      // The marketplace's current quantities and tax (a cancellation since the pull) make the plan and the tax check.
      if (!ready) await readBackLines(deps, ctx, actor);
      const lines = (await packedLines(deps.database.db, ctx.order.id)).map((l) => ({ ...l, quantity: l.ordered }));
      const boxCode = `${ctx.order.poNumber}-1`;
      const units = lines.reduce((s, l) => s + l.quantity, 0);
      const fresh = [
        {
          boxCode,
          boxNo: 1,
          weightGrams: Math.max(1, units * plannedGramsPerUnit),
          lines: lines
            .filter((l) => l.quantity > 0)
            .map((l) => ({ externalLineId: l.externalLineId, quantity: l.quantity })),
        },
      ];
      // Once invoiced, the plan is the one the marketplace's invoice was made from, whatever the PO says now.
      const plan =
        ((ready?.marketplaceResponse ?? {}) as { plan?: typeof fresh }).plan?.map((b, i) => ({ ...b, boxNo: i + 1 })) ??
        fresh;
      const invoice = ready ?? (await prefetchInvoice(deps, ctx, plan, lines, actor));
      // Kept as soon as the marketplace holds the invoice, so the pack station follows it even if the AWBs come later.
      await savePlan(
        deps.database.db,
        ctx.order.id,
        invoice.invoiceNumber,
        plan.map((b) => ({ ...b, awb: null })),
      );
      const shipment = await labelOrder(deps, ctx.order.id, actor, plan);
      outcomes.push({
        poNumber: ctx.order.poNumber,
        invoiceNumber: invoice.invoiceNumber,
        masterAwb: shipment.masterAwb,
        boxCode: plan[0].boxCode,
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ poNumber: ctx.order.poNumber, error: error.message });
    }
  }
  await deps.database.db
    .update(picklists)
    .set({ prefetchedAt: new Date(), updatedAt: new Date() })
    .where(eq(picklists.code, picklist.code));
  return { code: picklist.code, orders: outcomes };
}
