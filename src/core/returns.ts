import type { Database } from '../db/connect.ts';
import { invalid, notFound } from './errors.ts';

/**
 * Return orders pulled from marketplaces: created CONFIRMED, received and QC'd in the warehouse later.
 * Reading only; the marketplace stream writes them.
 */
export const returnStatuses = ['confirmed', 'receiving', 'closed'] as const;

export interface ReturnSummary {
  id: number;
  channel: string;
  externalId: string;
  poNumber: string | null;
  orderId: number | null;
  status: string;
  reason: string | null;
  awb: string | null;
  marketplaceCreatedAt: Date | null;
  units: number;
  /** Lines whose marketplace SKU is not mapped to a Weft SKU yet. */
  unmappedLines: number;
  createdAt: Date;
}

export interface ReturnLine {
  id: number;
  externalLineId: string;
  channelSku: string;
  sku: string | null;
  quantity: number;
  receivedGood: number;
  receivedBad: number;
}

type Row = {
  id: number; channel: string; external_id: string; po_number: string | null; order_id: number | null; status: string; reason: string | null;
  awb: string | null; marketplace_created_at: Date | string | null; units: number; unmapped: number; created_at: Date | string;
};

const select = `select r.id, c.code as channel, r.external_id, r.po_number, r.order_id, r.status, r.reason, r.awb,
    r.marketplace_created_at, r.created_at,
    coalesce((select sum(quantity) from return_lines l where l.return_id = r.id), 0)::int as units,
    (select count(*) from return_lines l where l.return_id = r.id and l.sku_id is null)::int as unmapped
  from return_orders r join channels c on c.id = r.channel_id`;

const summaryOf = (r: Row): ReturnSummary => ({
  id: Number(r.id), channel: r.channel, externalId: r.external_id, poNumber: r.po_number,
  orderId: r.order_id === null ? null : Number(r.order_id), status: r.status, reason: r.reason, awb: r.awb,
  marketplaceCreatedAt: r.marketplace_created_at ? new Date(r.marketplace_created_at) : null,
  units: r.units, unmappedLines: r.unmapped, createdAt: new Date(r.created_at),
});

/** Newest first; `before` is the last id of the previous page. */
export async function listReturns(
  database: Database, query: { channel?: string; status?: string; before?: number; limit?: number },
): Promise<{ items: ReturnSummary[]; next: number | null }> {
  if (query.status && !(returnStatuses as readonly string[]).includes(query.status)) {
    throw invalid(`A return's status is one of ${returnStatuses.join(', ')}.`, 'status');
  }
  const limit = Math.min(query.limit ?? 50, 500);
  const { rows } = await database.query<Row>(`${select}
    where ($1::text is null or c.code = upper($1)) and ($2::text is null or r.status = $2) and ($3::bigint is null or r.id < $3)
    order by r.id desc limit $4`, [query.channel ?? null, query.status ?? null, query.before ?? null, limit]);
  const items = rows.map(summaryOf);
  return { items, next: items.length === limit ? items[items.length - 1].id : null };
}

export async function getReturn(database: Database, id: number): Promise<ReturnSummary & { lines: ReturnLine[] }> {
  const { rows } = await database.query<Row>(`${select} where r.id = $1`, [id]);
  if (!rows[0]) throw notFound(`There is no return order ${id}.`);
  const lines = await database.query<{
    id: number; external_line_id: string; channel_sku: string; code: string | null; quantity: number; received_good: number; received_bad: number;
  }>(`select l.id, l.external_line_id, l.channel_sku, s.code, l.quantity, l.received_good, l.received_bad
      from return_lines l left join skus s on s.id = l.sku_id where l.return_id = $1 order by l.id`, [id]);
  return {
    ...summaryOf(rows[0]),
    lines: lines.rows.map((l) => ({
      id: Number(l.id), externalLineId: l.external_line_id, channelSku: l.channel_sku, sku: l.code,
      quantity: l.quantity, receivedGood: l.received_good, receivedBad: l.received_bad,
    })),
  };
}
