import { and, desc, eq, ilike, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { maxUnits, text } from '../schema-types.ts';
import type { Db } from '../../db/connect.ts';
import { inventoryLevels, inventoryMovements, skus, warehouses } from '../../db/schema.ts';
import { invalid } from '../errors.ts';
import { getWarehouse } from '../warehouses.ts';
import { getSku } from '../catalog/skus.ts';
import { commitmentKey, commitmentsOf, withAvailable, type Commitments } from './commitments.ts';

/**
 * The inventory ledger. Stock changes only by a movement; the level row of the warehouse and SKU is
 * updated in the same transaction, under a row lock, so the level is always the sum of its ledger.
 */
export const movementKinds = ['inbound', 'adjust', 'damage'] as const;
/** `count`: the adjusting movement of a stock count (stock-counts.ts), which sets on hand to what was counted. */
export type MovementKind = (typeof movementKinds)[number] | 'return_good' | 'return_bad' | 'dispatch' | 'count';

export const movementInputSchema = z.object({
  warehouse: text({ max: 200 }).min(1, 'Name the warehouse by its code.'),
  sku: text({ max: 200 }).min(1, 'Name the SKU by its code.'),
  kind: z.enum(movementKinds),
  quantity: z
    .number({ error: 'Give the quantity as a whole number, such as 5 to add or -2 to take out.' })
    .int('Quantities are whole units.')
    .min(-maxUnits, `Take out at most ${maxUnits} units in one movement.`)
    .max(maxUnits, `Add at most ${maxUnits} units in one movement.`)
    .refine((q) => q !== 0, 'A quantity of 0 changes nothing.'),
  reason: text({ max: 500 }).trim().min(3, 'Say why the stock changes (at least 3 characters).'),
  reference: text({ max: 200 }).trim().optional(),
});
export type MovementInput = z.infer<typeof movementInputSchema>;

/** How each kind moves stock between the on-hand and damaged buckets. */
function deltasFor(kind: MovementKind, quantity: number): { onHand: number; damaged: number } {
  switch (kind) {
    case 'inbound':
    case 'return_good':
      if (quantity < 0) throw invalid(`An ${kind} adds stock: give a positive quantity.`, 'quantity');
      return { onHand: quantity, damaged: 0 };
    case 'adjust':
    case 'count':
      // A count's quantity is already the difference between the count and the level (stock-counts.ts).
      return { onHand: quantity, damaged: 0 };
    case 'damage':
      if (quantity < 0)
        throw invalid('Marking damage moves units from on hand to damaged: give a positive quantity.', 'quantity');
      return { onHand: -quantity, damaged: quantity };
    case 'return_bad':
      if (quantity < 0) throw invalid('A damaged return adds damaged units: give a positive quantity.', 'quantity');
      return { onHand: 0, damaged: quantity };
    case 'dispatch':
      if (quantity < 0) throw invalid('A dispatch takes units out: give a positive quantity.', 'quantity');
      return { onHand: -quantity, damaged: 0 };
  }
}

export interface Level {
  warehouse: string;
  sku: string;
  onHand: number;
  damaged: number;
}

export interface Movement {
  id: number;
  kind: string;
  onHandDelta: number;
  damagedDelta: number;
  reason: string;
  reference: string | null;
  actor: string;
  createdAt: Date;
}

/** Records one movement by ids; for callers inside a larger transaction (returns, dispatch). */
export async function moveStock(
  tx: Db,
  move: {
    warehouseId: number;
    skuId: number;
    kind: MovementKind;
    quantity: number;
    reason: string;
    reference?: string;
    actor: string;
  },
  names: { warehouse: string; sku: string },
): Promise<{ onHand: number; damaged: number }> {
  const delta = deltasFor(move.kind, move.quantity);
  await tx.insert(inventoryLevels).values({ warehouseId: move.warehouseId, skuId: move.skuId }).onConflictDoNothing();
  const [level] = await tx
    .select()
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.warehouseId, move.warehouseId), eq(inventoryLevels.skuId, move.skuId)))
    .for('update');
  const onHand = level.onHand + delta.onHand;
  const damaged = level.damaged + delta.damaged;
  if (onHand < 0) {
    throw invalid(
      `${names.sku} has ${level.onHand} on hand at ${names.warehouse}; ${-delta.onHand} cannot be taken out.`,
      'quantity',
    );
  }
  if (damaged < 0) {
    throw invalid(
      `${names.sku} has ${level.damaged} damaged at ${names.warehouse}; ${-delta.damaged} cannot be taken out.`,
      'quantity',
    );
  }
  await tx
    .update(inventoryLevels)
    .set({ onHand, damaged, updatedAt: new Date() })
    .where(and(eq(inventoryLevels.warehouseId, move.warehouseId), eq(inventoryLevels.skuId, move.skuId)));
  await tx.insert(inventoryMovements).values({
    warehouseId: move.warehouseId,
    skuId: move.skuId,
    kind: move.kind,
    onHandDelta: delta.onHand,
    damagedDelta: delta.damaged,
    reason: move.reason,
    reference: move.reference ?? null,
    actor: move.actor,
  });
  return { onHand, damaged };
}

export async function recordMovement(db: Db, input: MovementInput, actor: string): Promise<Level> {
  const data = movementInputSchema.parse(input);
  return db.transaction(async (tx) => {
    const warehouse = await getWarehouse(tx, data.warehouse);
    const sku = await getSku(tx, data.sku);
    const level = await moveStock(
      tx,
      {
        warehouseId: warehouse.id,
        skuId: sku.id,
        kind: data.kind,
        quantity: data.quantity,
        reason: data.reason,
        reference: data.reference,
        actor,
      },
      { warehouse: warehouse.code, sku: sku.code },
    );
    return { warehouse: warehouse.code, sku: sku.code, ...level };
  });
}

export interface LevelQuery {
  warehouse?: string;
  /** One SKU by its exact code. */
  sku?: string;
  /** Search: SKU codes or names containing this, any case. */
  q?: string;
  /** Keyset paging on (warehouse code, sku code). */
  after?: { warehouse: string; sku: string };
  limit?: number;
}

/** A level with what is promised out of it (orders to ship, pendency) and what is left. */
export type LevelFigures = Level & Commitments & { skuName: string; available: number };

/** `%` and `_` typed in a search mean themselves, not LIKE's wildcards. */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listLevels(
  db: Db,
  query: LevelQuery,
): Promise<{ items: LevelFigures[]; next: { warehouse: string; sku: string } | null }> {
  const limit = Math.min(query.limit ?? 100, 1000);
  const filters = [];
  if (query.warehouse) filters.push(eq(warehouses.code, query.warehouse.toUpperCase()));
  if (query.sku) filters.push(eq(skus.code, query.sku));
  if (query.q?.trim()) {
    const pattern = likeContains(query.q.trim());
    filters.push(or(ilike(skus.code, pattern), ilike(skus.name, pattern)));
  }
  if (query.after)
    filters.push(sql`(${warehouses.code}, ${skus.code}) > (${query.after.warehouse}, ${query.after.sku})`);
  const rows = await db
    .select({
      warehouseId: inventoryLevels.warehouseId,
      skuId: inventoryLevels.skuId,
      warehouse: warehouses.code,
      sku: skus.code,
      skuName: skus.name,
      onHand: inventoryLevels.onHand,
      damaged: inventoryLevels.damaged,
    })
    .from(inventoryLevels)
    .innerJoin(warehouses, eq(warehouses.id, inventoryLevels.warehouseId))
    .innerJoin(skus, eq(skus.id, inventoryLevels.skuId))
    .where(and(...filters))
    .orderBy(warehouses.code, skus.code)
    .limit(limit + 1);
  const more = rows.length > limit;
  if (more) rows.pop();
  const commitments = await commitmentsOf(db, rows);
  const items = rows.map(({ warehouseId, skuId, ...level }) =>
    withAvailable(level, commitments.get(commitmentKey(warehouseId, skuId))),
  );
  const last = items.at(-1);
  return { items, next: more && last ? { warehouse: last.warehouse, sku: last.sku } : null };
}

export async function getLevelWithLedger(
  db: Db,
  warehouseCode: string,
  skuCode: string,
  options: { before?: number; limit?: number } = {},
): Promise<LevelFigures & { ledger: Movement[]; nextBefore: number | null }> {
  const warehouse = await getWarehouse(db, warehouseCode);
  const sku = await getSku(db, skuCode);
  const [level] = await db
    .select()
    .from(inventoryLevels)
    .where(and(eq(inventoryLevels.warehouseId, warehouse.id), eq(inventoryLevels.skuId, sku.id)));
  const limit = Math.min(options.limit ?? 100, 1000);
  const ledger = await db
    .select({
      id: inventoryMovements.id,
      kind: inventoryMovements.kind,
      onHandDelta: inventoryMovements.onHandDelta,
      damagedDelta: inventoryMovements.damagedDelta,
      reason: inventoryMovements.reason,
      reference: inventoryMovements.reference,
      actor: inventoryMovements.actor,
      createdAt: inventoryMovements.createdAt,
    })
    .from(inventoryMovements)
    .where(
      and(
        eq(inventoryMovements.warehouseId, warehouse.id),
        eq(inventoryMovements.skuId, sku.id),
        options.before ? lt(inventoryMovements.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(inventoryMovements.id))
    .limit(limit + 1);
  const more = ledger.length > limit;
  if (more) ledger.pop();
  const commitments = await commitmentsOf(db, [{ warehouseId: warehouse.id, skuId: sku.id }]);
  const figures = withAvailable(
    {
      warehouse: warehouse.code,
      sku: sku.code,
      skuName: sku.name,
      onHand: level?.onHand ?? 0,
      damaged: level?.damaged ?? 0,
    },
    commitments.get(commitmentKey(warehouse.id, sku.id)),
  );
  return { ...figures, ledger, nextBefore: more ? ledger.at(-1)!.id : null };
}
