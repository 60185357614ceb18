import type { SqlSession } from '../../db/connect.ts';

/**
 * Absolute counts applied to the ledger set-based, a chunk of lines per few statements: for each
 * warehouse and SKU the level is set to the count and one 'count' movement records the difference, so
 * the level stays the sum of its ledger. A count equal to the level records nothing (a movement of 0 is
 * refused by the ledger's own check).
 *
 * Concurrency: inside the caller's transaction the level rows of a chunk are locked (FOR UPDATE, in
 * warehouse and SKU order, the rows sorted beforehand so two imports lock in the same order) before the
 * difference is computed. A pick, dispatch or return that moves the same level waits for the import's
 * transaction, or the import waits for it and counts from the level it left: the delta is always taken
 * from the level as it is when written, never from a figure read earlier.
 */
export const countMovementKind = 'count';
const chunkSize = 10_000;

export interface ResolvedCount {
  line: number;
  warehouseId: number;
  skuId: number;
  warehouse: string;
  sku: string;
  counted: number;
  reason: string;
}

export interface CountChange {
  line: number;
  warehouse: string;
  sku: string;
  before: number;
  counted: number;
  delta: number;
}

export interface CountTotals {
  changed: number;
  unchanged: number;
  unitsAdded: number;
  unitsRemoved: number;
}

export interface CountOutcome extends CountTotals {
  /** The first `keepChanges` changed lines, in warehouse and SKU order. */
  changes: CountChange[];
}

const sortKey = (a: ResolvedCount, b: ResolvedCount) => a.warehouseId - b.warehouseId || a.skuId - b.skuId;

async function levelsOf(session: SqlSession, rows: ResolvedCount[], lock: boolean): Promise<Map<string, number>> {
  const { rows: found } = await session.query<{ w: number; s: number; on_hand: number }>(
    `select l.warehouse_id as w, l.sku_id as s, l.on_hand
       from inventory_levels l
       join unnest($1::int[], $2::int[]) as i(w, s) on l.warehouse_id = i.w and l.sku_id = i.s
      order by l.warehouse_id, l.sku_id${lock ? ' for update of l' : ''}`,
    [rows.map((r) => r.warehouseId), rows.map((r) => r.skuId)],
  );
  return new Map(found.map((f) => [`${f.w}:${f.s}`, Number(f.on_hand)]));
}

function tally(outcome: CountOutcome, change: CountChange, keepChanges: number) {
  if (change.delta === 0) {
    outcome.unchanged += 1;
    return;
  }
  outcome.changed += 1;
  if (change.delta > 0) outcome.unitsAdded += change.delta;
  else outcome.unitsRemoved -= change.delta;
  if (outcome.changes.length < keepChanges) outcome.changes.push(change);
}

interface Found {
  /** Before-levels of the pairs that had one, locked. */
  levels: Map<string, number>;
  /** Pairs whose level this transaction created at its count (before: 0). */
  isNew: Set<string>;
}

/**
 * A first count creates the level at its count. The rows the insert creates are this transaction's own
 * (locked until it commits): their level before was 0. The pairs it skips already had a level (or
 * were created meanwhile by another transaction: the insert waited for that one to commit); they are
 * locked before their difference is taken from them.
 */
async function insertLevels(session: SqlSession, rows: ResolvedCount[]): Promise<Set<string>> {
  const { rows: created } = await session.query<{ w: number; s: number }>(
    `insert into inventory_levels (warehouse_id, sku_id, on_hand)
     select * from unnest($1::int[], $2::int[], $3::int[]) on conflict do nothing
     returning warehouse_id as w, sku_id as s`,
    [rows.map((r) => r.warehouseId), rows.map((r) => r.skuId), rows.map((r) => r.counted)],
  );
  return new Set(created.map((c) => `${c.w}:${c.s}`));
}

/** For mostly new levels (an opening stock): create, then lock the pairs that already existed. */
async function createThenLock(session: SqlSession, chunk: ResolvedCount[]): Promise<Found> {
  const isNew = await insertLevels(session, chunk);
  const existing = chunk.filter((r) => !isNew.has(`${r.warehouseId}:${r.skuId}`));
  const levels = existing.length ? await levelsOf(session, existing, true) : new Map<string, number>();
  return { levels, isNew };
}

/** For mostly known levels (a cycle count): lock those that exist, then create the missing ones. */
async function lockThenCreate(session: SqlSession, chunk: ResolvedCount[]): Promise<Found> {
  const levels = await levelsOf(session, chunk, true);
  const missing = chunk.filter((r) => !levels.has(`${r.warehouseId}:${r.skuId}`));
  if (!missing.length) return { levels, isNew: new Set() };
  const isNew = await insertLevels(session, missing);
  const raced = missing.filter((r) => !isNew.has(`${r.warehouseId}:${r.skuId}`));
  if (raced.length) for (const [key, onHand] of await levelsOf(session, raced, true)) levels.set(key, onHand);
  return { levels, isNew };
}

/**
 * Applies the counts inside the caller's transaction (`session`). `reference` goes on every movement.
 * `onChunk` is told how many lines are done after each chunk.
 */
export async function applyCounts(
  session: SqlSession,
  counts: ResolvedCount[],
  options: { reference: string; actor: string; keepChanges: number; onChunk?: (done: number) => void },
): Promise<CountOutcome> {
  const outcome: CountOutcome = { changed: 0, unchanged: 0, unitsAdded: 0, unitsRemoved: 0, changes: [] };
  const sorted = [...counts].sort(sortKey);
  let insertFirst = true;
  for (let start = 0; start < sorted.length; start += chunkSize) {
    const chunk = sorted.slice(start, start + chunkSize);
    const found: Found = insertFirst ? await createThenLock(session, chunk) : await lockThenCreate(session, chunk);
    // An opening stock creates most levels, a cycle count finds them: the next chunk starts with the
    // statement that does most of the work for this batch.
    const { levels, isNew } = found;
    insertFirst = isNew.size * 2 >= chunk.length;
    const moved: (CountChange & { warehouseId: number; skuId: number; reason: string; update: boolean })[] = [];
    for (const row of chunk) {
      const key = `${row.warehouseId}:${row.skuId}`;
      const update = !isNew.has(key);
      const before = update ? (levels.get(key) ?? 0) : 0;
      const change = {
        line: row.line,
        warehouse: row.warehouse,
        sku: row.sku,
        before,
        counted: row.counted,
        delta: row.counted - before,
      };
      tally(outcome, change, options.keepChanges);
      if (change.delta !== 0)
        moved.push({ ...change, warehouseId: row.warehouseId, skuId: row.skuId, reason: row.reason, update });
    }
    if (moved.length > 0) {
      await session.query(
        `with changed as (
           select * from unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::text[], $6::boolean[])
             as c(warehouse_id, sku_id, counted, delta, reason, needs_update)
         ), levels as (
           update inventory_levels l set on_hand = c.counted, updated_at = now()
             from changed c where c.needs_update and l.warehouse_id = c.warehouse_id and l.sku_id = c.sku_id
         )
         insert into inventory_movements (warehouse_id, sku_id, kind, on_hand_delta, reason, reference, actor)
         select warehouse_id, sku_id, $7, delta, reason, $8, $9 from changed`,
        [
          moved.map((m) => m.warehouseId),
          moved.map((m) => m.skuId),
          moved.map((m) => m.counted),
          moved.map((m) => m.delta),
          moved.map((m) => m.reason),
          moved.map((m) => m.update),
          countMovementKind,
          options.reference,
          options.actor,
        ],
      );
    }
    options.onChunk?.(Math.min(start + chunkSize, sorted.length));
  }
  return outcome;
}

/** What applying the counts would do, from the levels as they are now; writes nothing and locks nothing. */
export async function previewCounts(
  session: SqlSession,
  counts: ResolvedCount[],
  options: { keepChanges: number },
): Promise<CountOutcome> {
  const outcome: CountOutcome = { changed: 0, unchanged: 0, unitsAdded: 0, unitsRemoved: 0, changes: [] };
  const sorted = [...counts].sort(sortKey);
  for (let start = 0; start < sorted.length; start += chunkSize) {
    const chunk = sorted.slice(start, start + chunkSize);
    const levels = await levelsOf(session, chunk, false);
    for (const row of chunk) {
      const before = levels.get(`${row.warehouseId}:${row.skuId}`) ?? 0;
      tally(
        outcome,
        {
          line: row.line,
          warehouse: row.warehouse,
          sku: row.sku,
          before,
          counted: row.counted,
          delta: row.counted - before,
        },
        options.keepChanges,
      );
    }
  }
  return outcome;
}
