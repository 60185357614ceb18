import type { Readable } from 'node:stream';
import type { Database, SqlSession } from '../../db/connect.ts';
import { conflict, invalid } from '../errors.ts';
import { type CountField, type CountLine, readCountCsv, readCountJsonLines, type ReadLines } from './count-lines.ts';
import { applyCounts, type CountChange, type CountOutcome, previewCounts, type ResolvedCount } from './stock-counts.ts';

/**
 * Stock in bulk and by feed: a batch of absolute counts (a CSV file, or an ERP's or WMS's snapshot as
 * JSON lines) becomes the 'count' movements that bring each level to its count. Bad lines are reported
 * with all their problems and skipped; the good ones are applied.
 *
 * Idempotency and crash safety: the batch is applied in one transaction that first claims its reference
 * in stock_imports (unique per source) and last stores its result there. A crash before the commit
 * leaves neither the reference nor any movement; after it, both. A replay — the same reference again,
 * or a second import racing the first (it waits on the unique key, then finds the row) — changes
 * nothing and answers the original result. The same reference with other content is refused.
 */
export type StockBatchSource = 'csv' | 'snapshot';

export interface LineError {
  line: number;
  warehouse: string;
  sku: string;
  errors: { field: CountField; message: string }[];
}

export interface StockBatchResult {
  source: StockBatchSource;
  reference: string;
  status: 'preview' | 'applied' | 'replayed';
  /** When the batch was applied (for a replay: the first time); null for a preview. */
  appliedAt: string | null;
  lines: number;
  valid: number;
  failed: number;
  changed: number;
  unchanged: number;
  unitsAdded: number;
  unitsRemoved: number;
  /** The first 1,000 bad lines, each with every problem found; `failed` counts them all. */
  errors: LineError[];
  /** The first 500 lines that change a level (warehouse and SKU order). */
  changes: CountChange[];
  message: string;
}

export interface StockBatchOptions {
  actor: string;
  /** The batch's reference; a CSV without one is known by the sha256 of its content. */
  reference?: string;
  /** Check and compute what would change, write nothing. */
  preview?: boolean;
  onProgress?: (progress: { phase: 'read' | 'apply'; done: number; total: number | null }) => void;
}

const maxReportedErrors = 1000;
const keepChanges = 500;
const lookupChunk = 10_000;

export function checkReference(reference: string, what: string): string {
  const trimmed = reference.trim();
  if (!/^[\x21-\x7e]{1,200}$/.test(trimmed))
    throw invalid(`The ${what} is 1 to 200 visible characters without spaces, such as COUNT-2026-12-03.`, 'reference');
  return trimmed;
}

/** A CSV of counts (`warehouse,sku,quantity[,reason]`), from the API, the console or the CLI. */
export async function importStockCsv(
  database: Database,
  input: Readable | string,
  options: StockBatchOptions,
): Promise<StockBatchResult> {
  const reference = options.reference === undefined ? undefined : checkReference(options.reference, 'reference');
  const read = await readCountCsv(input, (done) => options.onProgress?.({ phase: 'read', done, total: null }));
  return runBatch(database, 'csv', reference ?? `sha256-${read.contentHash.slice(0, 32)}`, read, options);
}

/** A feed's snapshot of counts as JSON lines, known by the snapshot id the sender gives it. */
export async function applyStockSnapshot(
  database: Database,
  snapshotId: string,
  input: Readable | string,
  options: StockBatchOptions,
): Promise<StockBatchResult> {
  const reference = checkReference(snapshotId, 'snapshot id');
  const read = await readCountJsonLines(input);
  return runBatch(database, 'snapshot', reference, read, options);
}

interface Recorded {
  content_hash: string;
  result: StockBatchResult;
  created_at: Date | string;
  actor: string;
}

async function recorded(session: SqlSession, source: StockBatchSource, reference: string): Promise<Recorded | null> {
  const { rows } = await session.query<Recorded>(
    'select content_hash, result, created_at, actor from stock_imports where source = $1 and reference = $2',
    [source, reference],
  );
  return rows[0] ?? null;
}

/** The original answer to a batch seen before, or a refusal when the same reference came with other content. */
function replayOf(found: Recorded, source: StockBatchSource, reference: string, contentHash: string): StockBatchResult {
  const what = source === 'csv' ? `Reference ${reference}` : `Snapshot ${reference}`;
  const when = new Date(found.created_at).toISOString();
  if (found.content_hash !== contentHash) {
    throw conflict(
      `${what} was already applied on ${when} by ${found.actor} with other content; nothing was changed. ` +
        (source === 'csv' ? 'Give this file a new reference.' : 'Send this snapshot under a new id.'),
      'reference',
    );
  }
  return {
    ...found.result,
    status: 'replayed',
    message: `${what} was already applied on ${when} by ${found.actor}: nothing changed now. The result then: ${found.result.message}`,
  };
}

async function runBatch(
  database: Database,
  source: StockBatchSource,
  reference: string,
  read: ReadLines,
  options: StockBatchOptions,
): Promise<StockBatchResult> {
  const seen = await recorded(database, source, reference);
  if (seen) return replayOf(seen, source, reference, read.contentHash);
  const defaultReason = source === 'csv' ? 'Stock count' : `Stock snapshot ${reference}`;
  const { counts, errors, failed } = await resolveLines(database, read.lines, defaultReason);
  const base = { source, reference, lines: read.lines.length, valid: counts.length, failed, errors };
  const progress = (done: number) => options.onProgress?.({ phase: 'apply', done, total: counts.length });
  if (options.preview) {
    const outcome = await previewCounts(database, counts, { keepChanges });
    progress(counts.length);
    return finish({ ...base, ...outcome, status: 'preview', appliedAt: null });
  }
  const movementReference = `${source === 'csv' ? 'count' : 'snapshot'}:${reference}`;
  const apply = () =>
    database.transaction(async (session) => {
      const {
        rows: [claim],
      } = await session.query<{ id: number; created_at: Date | string }>(
        `insert into stock_imports (source, reference, content_hash, actor, lines, changed, unchanged, failed, result)
         values ($1, $2, $3, $4, 0, 0, 0, 0, '{}') on conflict (source, reference) do nothing
         returning id, created_at`,
        [source, reference, read.contentHash, options.actor],
      );
      if (!claim) {
        // Another import of this reference committed first (this one waited for it on the unique key).
        const found = await recorded(session, source, reference);
        if (found) return replayOf(found, source, reference, read.contentHash);
        throw conflict(`${reference} is being imported right now; try again in a moment.`, 'reference');
      }
      const outcome: CountOutcome = await applyCounts(session, counts, {
        reference: movementReference,
        actor: options.actor,
        keepChanges,
        onChunk: progress,
      });
      const result = finish({
        ...base,
        ...outcome,
        status: 'applied',
        appliedAt: new Date(claim.created_at).toISOString(),
      });
      await session.query(
        'update stock_imports set lines = $2, changed = $3, unchanged = $4, failed = $5, result = $6 where id = $1',
        [claim.id, result.lines, result.changed, result.unchanged, result.failed, JSON.stringify(result)],
      );
      await session.query(
        `insert into audit_log (actor, action, entity, entity_id, after) values ($1, 'import', 'stock', $2, $3)`,
        [
          options.actor,
          movementReference,
          JSON.stringify({
            lines: result.lines,
            changed: result.changed,
            unchanged: result.unchanged,
            failed: result.failed,
          }),
        ],
      );
      return result;
    });
  return withDeadlockRetry(apply);
}

/**
 * Levels are locked in one order by every import, but a pick or dispatch holding one level while it
 * waits for another can still meet an import the other way round; PostgreSQL then aborts one of the
 * two. The import's transaction rolled back whole (reference included), so it is simply run again.
 */
async function withDeadlockRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

function finish(result: Omit<StockBatchResult, 'message'>): StockBatchResult {
  const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-IN')} ${n === 1 ? one : many}`;
  const refused = result.failed ? `; ${plural(result.failed, 'line')} refused (see the errors)` : '';
  const verb = result.status === 'preview' ? 'would change' : 'changed';
  const units = [
    result.unitsAdded ? `+${result.unitsAdded.toLocaleString('en-IN')}` : '',
    result.unitsRemoved ? `−${result.unitsRemoved.toLocaleString('en-IN')}` : '',
  ]
    .filter(Boolean)
    .join(' / ');
  const message =
    `${result.status === 'preview' ? 'Preview: nothing written. ' : ''}${plural(result.valid, 'line')} of ${result.lines.toLocaleString('en-IN')} ` +
    `${result.status === 'preview' ? 'can be applied' : 'applied'}: ${plural(result.changed, 'level')} ${verb} ` +
    `${units ? ` (${units} units)` : ''}, ` +
    `${plural(result.unchanged, 'level')} already matched the count${refused}.`;
  return { ...result, message };
}

/**
 * Looks up the codes the lines name and refuses duplicates (the same warehouse and SKU on two lines:
 * which count is right cannot be told, so none of them is applied). Each bad line keeps every problem.
 */
async function resolveLines(
  session: SqlSession,
  lines: CountLine[],
  defaultReason: string,
): Promise<{ counts: ResolvedCount[]; errors: LineError[]; failed: number }> {
  const { rows: warehouseRows } = await session.query<{ id: number; code: string }>('select id, code from warehouses');
  const warehouseIds = new Map(warehouseRows.map((w) => [w.code, w.id]));
  const skuCodes = [...new Set(lines.map((l) => l.sku).filter(Boolean))];
  const skuIds = new Map<string, number>();
  for (let start = 0; start < skuCodes.length; start += lookupChunk) {
    const { rows } = await session.query<{ id: number; code: string }>(
      'select id, code from skus where code = any($1::text[])',
      [skuCodes.slice(start, start + lookupChunk)],
    );
    for (const row of rows) skuIds.set(row.code, row.id);
  }
  const linesOf = new Map<string, number[]>();
  for (const line of lines) {
    if (!line.warehouse || !line.sku) continue;
    const key = `${line.warehouse}\u0000${line.sku}`;
    const seen = linesOf.get(key);
    if (seen) seen.push(line.line);
    else linesOf.set(key, [line.line]);
  }

  const counts: ResolvedCount[] = [];
  const errors: LineError[] = [];
  let failed = 0;
  for (const line of lines) {
    const problems = [...line.problems];
    const warehouseId = warehouseIds.get(line.warehouse);
    const skuId = skuIds.get(line.sku);
    if (line.warehouse && warehouseId === undefined)
      problems.push({
        field: 'warehouse',
        message: `warehouse ${line.warehouse} is not known: correct the code or add the warehouse first.`,
      });
    if (line.sku && skuId === undefined)
      problems.push({
        field: 'sku',
        message: `SKU ${line.sku} is not known: correct the code or add it to the SKU master first.`,
      });
    const others = (linesOf.get(`${line.warehouse}\u0000${line.sku}`) ?? []).filter((n) => n !== line.line);
    if (line.warehouse && line.sku && others.length)
      problems.push({
        field: 'line',
        message: `${line.warehouse} ${line.sku} is also counted on line ${others.join(', ')}: give one count per warehouse and SKU (none of these lines is applied).`,
      });
    if (problems.length || warehouseId === undefined || skuId === undefined || line.quantity === null) {
      failed += 1;
      if (errors.length < maxReportedErrors)
        errors.push({ line: line.line, warehouse: line.warehouse, sku: line.sku, errors: problems });
      continue;
    }
    counts.push({
      line: line.line,
      warehouseId,
      skuId,
      warehouse: line.warehouse,
      sku: line.sku,
      counted: line.quantity,
      reason: line.reason ?? defaultReason,
    });
  }
  return { counts, errors, failed };
}
