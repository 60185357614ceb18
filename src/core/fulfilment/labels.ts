import { and, eq } from 'drizzle-orm';
import { boxes, orderEvents, plannedBoxes, shipments } from '../../db/schema.ts';
import { renderBoxLabels, type LabelBox } from '../documents/render/box-label.ts';
import { listDocuments, storeDocument, voidDocument } from '../documents/store.ts';
import { AppError } from '../errors.ts';
import { sendOnce } from '../sync/outbox-send.ts';
import type { ShipmentResult } from './push-types.ts';
import {
  loadOrderContext,
  pushContext,
  pushOf,
  requireOrderSync,
  type FulfilmentDeps,
  type OrderContext,
} from './deps.ts';
import { loadPlan, savePlan } from './pack-plan.ts';
import { invoiceBoxes } from './invoice-data.ts';
import { activeInvoice } from './invoicing.ts';
import { moveOrder } from '../orders/lifecycle.ts';

/**
 * Box labels of an invoiced PO: the marketplace assigns the AWBs (a master and one per box) either
 * way; with "use marketplace shipping label" its label PDF is kept, otherwise Weft renders its own
 * 100×150 mm labels. One label per box. With ready-to-ship "at pack" the order is then ready to ship.
 */
export type Shipment = typeof shipments.$inferSelect;

/** A box as labelled: the packed ones, or the planned one of a prefetch (with its lines, kept as the plan). */
export interface LabelledBox {
  boxCode: string;
  boxNo: number;
  weightGrams: number;
  lines?: { externalLineId: string; quantity: number }[];
}

export async function labelOrder(
  deps: FulfilmentDeps,
  orderId: number,
  actor: string,
  plan?: LabelledBox[],
): Promise<Shipment> {
  const ctx = await loadOrderContext(deps, orderId);
  requireOrderSync(ctx.channel, ctx.descriptor);
  const db = deps.database.db;
  const [existing] = await db
    .select()
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), eq(shipments.status, 'active')));
  if (existing) {
    // Labels made at prefetch time wait for the pack; once it is finished the order is ready to ship.
    if (!plan && ctx.order.status === 'packed') await finishPrefetchedShipment(deps, ctx, existing, actor);
    return existing;
  }
  const invoice = await activeInvoice(deps, orderId);
  if (!invoice)
    throw new AppError('conflict', `PO ${ctx.order.poNumber} has no invoice yet: labels come after the invoice.`);
  const marketplaceLabel = ctx.descriptor.policy(ctx.channel.settings).labelSource === 'marketplace';
  const { result, labelPdf } = await requestShipment(deps, ctx, marketplaceLabel);
  const packed: LabelledBox[] = plan ?? (await invoiceBoxes(db, orderId));
  const awbOf = new Map(result.boxes.map((b) => [b.boxCode, b.awb]));
  const shipment = await recordShipment(deps, ctx, result, {
    invoiceNumber: invoice.invoiceNumber,
    marketplaceLabel,
    plan,
    actor,
  });
  if (marketplaceLabel && labelPdf) {
    await storeDocument(db, {
      kind: 'marketplace-label',
      source: 'marketplace',
      bytes: labelPdf,
      orderId,
      reference: ctx.order.poNumber,
      createdBy: actor,
    });
  }
  // Weft's own labels are always kept as well: the marketplace's may be missing after a crash between
  // the call and here, and a printable label must exist for every box.
  await storeLabels(
    deps,
    ctx,
    invoice.invoiceNumber,
    shipment,
    packed.map((b) => ({
      number: b.boxNo,
      boxId: b.boxCode,
      awb: awbOf.get(b.boxCode) ?? result.masterAwb,
      weightGrams: b.weightGrams,
    })),
    actor,
  );
  return shipment;
}

/** A prefetch's labels, now that the pack is done: relabel with the packed weights; ready to ship if at pack. */
async function finishPrefetchedShipment(deps: FulfilmentDeps, ctx: OrderContext, existing: Shipment, actor: string) {
  await relabelPackedWeights(deps, ctx, existing, actor);
  if (ctx.descriptor.policy(ctx.channel.settings).readyToShipAt !== 'pack') return;
  await deps.database.db.transaction((tx) =>
    moveOrder(
      tx,
      ctx.order.id,
      'ready_to_ship',
      'weft',
      `Packed as prefetched (AWB ${existing.masterAwb}). Ready to ship.`,
      actor,
    ),
  );
}

/**
 * The shipment call, exactly once through the outbox: the AWBs the marketplace assigned (kept), and its
 * label PDF when this call fetched one (not kept: a replayed call has none).
 */
async function requestShipment(deps: FulfilmentDeps, ctx: OrderContext, fetchLabel: boolean) {
  const push = pushOf(ctx, 'shipment');
  let labelPdf: Buffer | null = null;
  const { stored } = await sendOnce<ShipmentResult>(deps.database.db, {
    channelId: ctx.channel.id,
    kind: 'shipment',
    idempotencyKey: `shipment:${ctx.channel.code}:${ctx.order.poNumber}:${await shipmentAttempt(deps, ctx.order.id)}`,
    payload: { orderId: ctx.order.id, poNumber: ctx.order.poNumber },
    what: `the shipment (AWBs) of PO ${ctx.order.poNumber} at ${ctx.descriptor.displayName}`,
    send: async (memo, remember) => {
      const result = await push(pushContext(deps, ctx.channel, ctx.warehouse.code, memo, remember), {
        poNumber: ctx.order.poNumber,
        fetchLabel,
      });
      labelPdf = result.labelPdf;
      return result;
    },
    keep: ({ masterAwb, boxes: awbs }) => ({ masterAwb, boxes: awbs }),
  });
  return {
    result: stored as unknown as Pick<ShipmentResult, 'masterAwb' | 'boxes'>,
    labelPdf: labelPdf as Buffer | null,
  };
}

/**
 * In one transaction: each box's AWB, the shipment row, a prefetch's plan as the marketplace now holds
 * it, and the order's event (ready to ship when that happens at pack). A shipment already recorded is
 * returned as it is.
 */
async function recordShipment(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  result: Pick<ShipmentResult, 'masterAwb' | 'boxes'>,
  options: { invoiceNumber: string; marketplaceLabel: boolean; plan?: LabelledBox[]; actor: string },
): Promise<Shipment> {
  const { invoiceNumber, marketplaceLabel, plan, actor } = options;
  const orderId = ctx.order.id;
  const readyToShipAt = ctx.descriptor.policy(ctx.channel.settings).readyToShipAt;
  const awbOf = new Map(result.boxes.map((b) => [b.boxCode, b.awb]));
  return deps.database.db.transaction(async (tx) => {
    for (const b of result.boxes) {
      await tx
        .update(boxes)
        .set({ awb: b.awb })
        .where(and(eq(boxes.orderId, orderId), eq(boxes.boxCode, b.boxCode)));
      await tx
        .update(plannedBoxes)
        .set({ awb: b.awb })
        .where(and(eq(plannedBoxes.orderId, orderId), eq(plannedBoxes.boxCode, b.boxCode)));
    }
    const [row] = await tx
      .insert(shipments)
      .values({ orderId, masterAwb: result.masterAwb, labelSource: marketplaceLabel ? 'marketplace' : 'weft' })
      .onConflictDoNothing()
      .returning();
    if (row) {
      // A prefetch's plan is what the marketplace now holds, box by box with the AWB it issued: the pack station packs exactly that.
      if (plan) {
        await savePlan(
          tx,
          orderId,
          invoiceNumber,
          plan.map((b) => ({ ...b, awb: awbOf.get(b.boxCode) ?? null, lines: b.lines ?? [] })),
        );
      }
      const ready = !plan && readyToShipAt === 'pack';
      const note = `AWB ${result.masterAwb} for ${result.boxes.length} box(es).${ready ? ' Ready to ship.' : ''}`;
      if (ready) await moveOrder(tx, orderId, 'ready_to_ship', 'weft', note, actor);
      else await tx.insert(orderEvents).values({ orderId, status: ctx.order.status, note, actor });
    }
    return (
      row ??
      (
        await tx
          .select()
          .from(shipments)
          .where(and(eq(shipments.orderId, orderId), eq(shipments.status, 'active')))
      )[0]
    );
  });
}

async function storeLabels(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  invoiceNumber: string,
  shipment: Shipment,
  labelled: LabelBox[],
  actor: string,
) {
  const shipTo = (ctx.order.shipTo ?? {}) as { name?: string; address?: string; pincode?: string };
  const pdf = await renderBoxLabels({
    poNumber: ctx.order.poNumber,
    invoiceNumber,
    createdAt: shipment.createdAt,
    from: {
      name: ctx.warehouse.name,
      address: [ctx.warehouse.address, `${ctx.warehouse.city} ${ctx.warehouse.pincode}`.trim()].filter(Boolean),
    },
    shipTo: {
      name: shipTo.name ?? ctx.descriptor.displayName,
      address: [shipTo.address ?? '', shipTo.pincode ?? ''].filter(Boolean),
    },
    carrier: ctx.descriptor.displayName,
    boxCount: labelled.length,
    boxes: labelled,
  });
  return storeDocument(deps.database.db, {
    kind: 'box-labels',
    source: 'weft',
    bytes: pdf,
    orderId: ctx.order.id,
    reference: ctx.order.poNumber,
    createdBy: actor,
  });
}

/**
 * A prefetched PO packed at other weights than planned: Weft's labels are made again with the packed
 * weight and the marketplace's planned weight beside it (flagged), every box keeping the AWB the marketplace issued for it;
 * the labels printed at prefetch time are voided as replaced. Packed as planned, they stand.
 */
async function relabelPackedWeights(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  shipment: Shipment,
  actor: string,
): Promise<void> {
  const db = deps.database.db;
  const plan = await loadPlan(db, ctx.order.id);
  if (plan.length === 0) return;
  const packed = new Map(
    (await db.select().from(boxes).where(eq(boxes.orderId, ctx.order.id))).map((b) => [b.boxCode, b]),
  );
  if (plan.every((p) => packed.get(p.boxCode)?.weightGrams === p.weightGrams)) return;
  const invoice = await activeInvoice(deps, ctx.order.id);
  const earlier = await listDocuments(db, { orderId: ctx.order.id, kind: 'box-labels' });
  const { document } = await storeLabels(
    deps,
    ctx,
    invoice?.invoiceNumber ?? plan[0].invoiceNumber,
    shipment,
    plan.map((p) => ({
      number: p.boxNo,
      boxId: p.boxCode,
      awb: p.awb ?? shipment.masterAwb,
      weightGrams: packed.get(p.boxCode)?.weightGrams ?? p.weightGrams,
      marketplaceWeightGrams: p.weightGrams,
    })),
    actor,
  );
  for (const old of earlier) {
    if (old.id !== document.id)
      await voidDocument(
        db,
        old.id,
        'replaced by the labels with the packed weight beside the weight the marketplace holds',
        actor,
      );
  }
}

async function shipmentAttempt(deps: FulfilmentDeps, orderId: number): Promise<number> {
  return (
    (await deps.database.db.select({ id: shipments.id }).from(shipments).where(eq(shipments.orderId, orderId))).length +
    1
  );
}
