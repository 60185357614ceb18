import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { orderDiscrepancies, orderEvents, plannedBoxes } from '../../db/schema.ts';
import { kilograms } from '../documents/render/pdf-kit.ts';
import { AppError } from '../errors.ts';

/**
 * A prefetched PO's plan: the boxes the marketplace's invoice and shipment hold (box id, AWB, weight, the units
 * of each line in it). The marketplace's invoice is made once per PO and cannot be changed through its API, so
 * the pack station packs exactly this plan: the packer scans the planned box labels, each box takes
 * exactly its planned units, and a pack that differs is refused with what to do. What the marketplace cannot
 * take back — a box that weighs other than planned — is recorded as a discrepancy.
 */
export type PlannedBox = typeof plannedBoxes.$inferSelect;

export async function loadPlan(db: Db, orderId: number): Promise<PlannedBox[]> {
  return db.select().from(plannedBoxes).where(eq(plannedBoxes.orderId, orderId)).orderBy(asc(plannedBoxes.boxNo));
}

/** Keeps the plan the marketplace now holds for a PO; the same plan again (a repeated prefetch) changes nothing. */
export async function savePlan(
  db: Db,
  orderId: number,
  invoiceNumber: string,
  boxes: {
    boxCode: string;
    boxNo: number;
    weightGrams: number;
    awb: string | null;
    lines: { externalLineId: string; quantity: number }[];
  }[],
): Promise<void> {
  for (const b of boxes) {
    await db
      .insert(plannedBoxes)
      .values({
        orderId,
        invoiceNumber,
        boxCode: b.boxCode,
        boxNo: b.boxNo,
        weightGrams: b.weightGrams,
        awb: b.awb,
        lines: b.lines,
      })
      .onConflictDoUpdate({
        target: [plannedBoxes.orderId, plannedBoxes.boxCode],
        set: { awb: sql`coalesce(excluded.awb, ${plannedBoxes.awb})` },
      });
  }
}

const list = (codes: string[]) => codes.join(', ');

/** The planned box to scan next: the first one not yet packed. */
export function nextPlannedBox(plan: PlannedBox[], packedCodes: Set<string>): PlannedBox | undefined {
  return plan.find((b) => !packedCodes.has(b.boxCode));
}

/** Refuses a box that is not one of the plan's, saying which label to scan instead. */
export function requirePlannedBox(po: string, plan: PlannedBox[], code: string, packedCodes: Set<string>): PlannedBox {
  const planned = plan.find((b) => b.boxCode === code);
  if (planned) return planned;
  const next = nextPlannedBox(plan, packedCodes);
  throw new AppError(
    'conflict',
    `PO ${po} was prefetched: the marketplace's invoice ${plan[0].invoiceNumber} holds ${plan.length} box(es), ${list(plan.map((b) => b.boxCode))}. ` +
      `${code} is not one of them: ${next ? `scan the label of box ${next.boxCode}` : 'every planned box is packed; finish the pack'}.`,
    { field: 'box' },
  );
}

/** The units of each order line a planned box holds. */
export const plannedUnits = (box: PlannedBox) => new Map(box.lines.map((l) => [l.externalLineId, l.quantity]));

/**
 * Which order line a scanned unit goes to in a planned box: one of the SKU's lines the box still has
 * room for by the plan; otherwise a refusal that says where the unit belongs.
 */
export function planLineFor(
  po: string,
  plan: PlannedBox[],
  box: PlannedBox,
  sku: string,
  lines: { id: number; externalLineId: string }[],
  inBox: Map<number, number>,
): number {
  const want = plannedUnits(box);
  const fits = lines.find((l) => (want.get(l.externalLineId) ?? 0) > (inBox.get(l.id) ?? 0));
  if (fits) return fits.id;
  const planned = lines.reduce((s, l) => s + (want.get(l.externalLineId) ?? 0), 0);
  const elsewhere = plan
    .filter((b) => b.boxCode !== box.boxCode && lines.some((l) => plannedUnits(b).has(l.externalLineId)))
    .map((b) => b.boxCode);
  const where = elsewhere.length ? `it goes in box ${list(elsewhere)}` : 'put it back';
  throw new AppError(
    'conflict',
    planned === 0
      ? `${sku} is not in box ${box.boxCode} on the marketplace's invoice ${box.invoiceNumber} for PO ${po}: ${where}.`
      : `Box ${box.boxCode} holds ${planned} of ${sku} on the marketplace's invoice ${box.invoiceNumber}, and they are in: this one is extra, ${where}.`,
    { field: 'unit' },
  );
}

/** A planned box may close only with exactly its planned units: the invoice the marketplace holds says so. */
export function requireBoxAsPlanned(box: PlannedBox, inBox: Map<string, number>, skuOf: Map<string, string>): void {
  const want = plannedUnits(box);
  const wrong = [...new Set([...want.keys(), ...inBox.keys()])].filter(
    (line) => (want.get(line) ?? 0) !== (inBox.get(line) ?? 0),
  );
  if (wrong.length === 0) return;
  const detail = wrong
    .map((line) => `${skuOf.get(line) ?? line}: ${inBox.get(line) ?? 0} of ${want.get(line) ?? 0}`)
    .join('; ');
  throw new AppError(
    'conflict',
    `Box ${box.boxCode} does not hold what the marketplace's invoice ${box.invoiceNumber} says (${detail}). ` +
      "Scan the missing units in before closing it. If a unit cannot be found, do not close or ship the box: the marketplace's invoice cannot be changed from Weft, " +
      'so ask the marketplace account manager to cancel the invoice and keep the PO aside.',
    { field: 'box' },
  );
}

/** Every planned box packed and closed before the PO is finished. */
export function requirePlanPacked(po: string, plan: PlannedBox[], closedCodes: Set<string>): void {
  const missing = plan.filter((b) => !closedCodes.has(b.boxCode)).map((b) => b.boxCode);
  if (missing.length === 0) return;
  throw new AppError(
    'conflict',
    `PO ${po} was prefetched as ${plan.length} box(es) on the marketplace's invoice ${plan[0].invoiceNumber}; box ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} not packed yet. ` +
      "Scan each planned box label and pack its units. If units are missing, do not finish: the marketplace's invoice cannot be changed from Weft — " +
      'ask the marketplace account manager to cancel it, and keep the PO aside.',
  );
}

/**
 * A planned box closed at another weight than the marketplace holds: the marketplace cannot be told (its invoice and
 * shipment are made), so the difference is recorded on the order and in the discrepancy list.
 */
export async function recordWeight(
  tx: Db,
  orderId: number,
  po: string,
  box: PlannedBox,
  packedGrams: number,
  status: string,
  actor: string,
): Promise<void> {
  await tx
    .delete(orderDiscrepancies)
    .where(
      and(
        eq(orderDiscrepancies.orderId, orderId),
        eq(orderDiscrepancies.kind, 'weight'),
        eq(orderDiscrepancies.boxCode, box.boxCode),
      ),
    );
  if (packedGrams === box.weightGrams) return;
  const message =
    `Box ${box.boxCode} of PO ${po} weighs ${kilograms(packedGrams)}; the marketplace's invoice ${box.invoiceNumber} and AWB ${box.awb ?? '(none)'} hold ${kilograms(box.weightGrams)}. ` +
    'The marketplace cannot take the change through its API: tell the marketplace account manager if the carrier questions it.';
  await tx.insert(orderDiscrepancies).values({
    orderId,
    kind: 'weight',
    boxCode: box.boxCode,
    marketplaceValue: box.weightGrams,
    packedValue: packedGrams,
    message,
    createdBy: actor,
  });
  await tx.insert(orderEvents).values({ orderId, status, note: `Discrepancy: ${message}`, actor });
}
