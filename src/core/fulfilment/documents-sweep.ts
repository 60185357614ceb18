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

/** A packed order still without its invoice or its labels: what the pack station's "waiting for documents" shelf lists. */
export interface WaitingOrder {
  orderId: number;
  poNumber: string;
  channel: string;
  status: string;
  /** When the order last changed (its pack, for an order on this shelf). */
  packedAt: Date;
  invoiced: boolean;
  labelled: boolean;
}

/** Packed orders without an active invoice or shipment, oldest first, with which of the two is missing. */
export async function waitingForDocuments(
  deps: Pick<FulfilmentDeps, 'database'>,
  limit: number,
): Promise<WaitingOrder[]> {
  const { rows } = await deps.database.query<{
    id: number;
    po_number: string;
    channel: string;
    status: string;
    updated_at: Date | string;
    invoiced: boolean;
    labelled: boolean;
  }>(
    `select o.id, o.po_number, c.code as channel, o.status, o.updated_at,
       exists (select 1 from invoices i where i.order_id = o.id and i.status = 'active') as invoiced,
       exists (select 1 from shipments s where s.order_id = o.id and s.status = 'active') as labelled
     from orders o join channels c on c.id = o.channel_id
     where o.status in ('packed', 'ready_to_ship')
       and (not exists (select 1 from invoices i where i.order_id = o.id and i.status = 'active')
         or not exists (select 1 from shipments s where s.order_id = o.id and s.status = 'active'))
     order by o.updated_at, o.id limit $1`,
    [limit],
  );
  return rows.map((r) => ({
    orderId: Number(r.id),
    poNumber: r.po_number,
    channel: r.channel,
    status: r.status,
    packedAt: new Date(r.updated_at),
    invoiced: r.invoiced,
    labelled: r.labelled,
  }));
}
