import { AppError } from '../errors.ts';
import type { FulfilmentDeps } from './deps.ts';
import { completePackDocuments } from './after-pack.ts';

/**
 * Finishes the documents of packed orders that have none yet: a pack is committed before its invoice
 * and labels are made, so a process that died in between (or a marketplace that was down and a job
 * that gave up) leaves a packed order without them. Each step of completePackDocuments is idempotent
 * and goes through the outbox (a call left in flight is read back first), so sweeping twice, or
 * beside a person's click, never makes anything twice.
 */
export interface SweepResult {
  finished: number[];
  /** Orders a person must look at (a refusal, a tax difference to accept), with the reason. */
  waiting: { orderId: number; message: string }[];
}

/** Packed orders without an active invoice or shipment, untouched for `minAgeSeconds` (the pack station finishes its own). */
export async function packedWithoutDocuments(
  deps: FulfilmentDeps,
  minAgeSeconds: number,
  limit: number,
): Promise<number[]> {
  const { rows } = await deps.database.query<{ id: number }>(
    `select o.id from orders o
     where o.status = 'packed' and o.updated_at < now() - make_interval(secs => $1::float8)
       and (not exists (select 1 from invoices i where i.order_id = o.id and i.status = 'active')
         or not exists (select 1 from shipments s where s.order_id = o.id and s.status = 'active'))
     order by o.updated_at, o.id limit $2`,
    [minAgeSeconds, limit],
  );
  return rows.map((r) => Number(r.id));
}

export async function sweepPackDocuments(
  deps: FulfilmentDeps,
  options: { minAgeSeconds: number; limit: number; actor: string },
): Promise<SweepResult> {
  const result: SweepResult = { finished: [], waiting: [] };
  for (const orderId of await packedWithoutDocuments(deps, options.minAgeSeconds, options.limit)) {
    try {
      await completePackDocuments(deps, orderId, options.actor);
      result.finished.push(orderId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.waiting.push({ orderId, message: error.message });
    }
  }
  return result;
}
