import type { Database } from '../db/connect.ts';
import { invalid, notFound } from './errors.ts';

/**
 * Return orders pulled from marketplaces: created CONFIRMED, received and QC'd in the warehouse later.
 * A channel's returns stream parses the marketplace's records and stores them through `upsertReturn`.
 */
export const returnStatuses = ['confirmed', 'receiving', 'closed'] as const;

export interface ReturnSummary {
  id: number;
  channel: string;
  externalId: string;
  poNumber: string | null;
  orderId: number | null;
  /** One of returnStatuses: the table's check constraint allows no other. */
  status: (typeof returnStatuses)[number];
  reason: string | null;
  awb: string | null;
  /** Where good units go back on hand: the channel's warehouse. */
  warehouse: string;
  marketplaceCreatedAt: Date | null;
  units: number;
  /** Units QC'd so far, good and bad. */
  receivedUnits: number;
  /** Lines whose marketplace SKU is not mapped to a Weft SKU yet. */
  unmappedLines: number;
  createdAt: Date;
  /** Last change: received, a unit QC'd, closed. */
  updatedAt: Date;
}

export interface ReturnLine {
  id: number;
  externalLineId: string;
  channelSku: string;
  sku: string | null;
  ean: string | null;
  name: string | null;
  quantity: number;
  receivedGood: number;
  receivedBad: number;
}

type Row = {
  id: number;
  channel: string;
  external_id: string;
  po_number: string | null;
  order_id: number | null;
  status: ReturnSummary['status'];
  reason: string | null;
  awb: string | null;
  warehouse: string;
  marketplace_created_at: Date | string | null;
  units: number;
  received: number;
  unmapped: number;
  created_at: Date | string;
  updated_at: Date | string;
};

const select = `select r.id, c.code as channel, r.external_id, r.po_number, r.order_id, r.status, r.reason, r.awb, w.code as warehouse,
    r.marketplace_created_at, r.created_at, r.updated_at, t.units, t.received, t.unmapped
  from return_orders r join channels c on c.id = r.channel_id join warehouses w on w.id = c.warehouse_id
  cross join lateral (select coalesce(sum(l.quantity), 0)::int as units, coalesce(sum(l.received_good + l.received_bad), 0)::int as received,
      count(*) filter (where l.sku_id is null)::int as unmapped
    from return_lines l where l.return_id = r.id) t`;

const summaryOf = (r: Row): ReturnSummary => ({
  id: Number(r.id),
  channel: r.channel,
  externalId: r.external_id,
  poNumber: r.po_number,
  orderId: r.order_id === null ? null : Number(r.order_id),
  status: r.status,
  reason: r.reason,
  awb: r.awb,
  warehouse: r.warehouse,
  marketplaceCreatedAt: r.marketplace_created_at ? new Date(r.marketplace_created_at) : null,
  units: r.units,
  receivedUnits: r.received,
  unmappedLines: r.unmapped,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export interface ReturnQuery {
  channel?: string;
  status?: string;
  /** A return number or a PO number, whole or its start; or an AWB, whole. */
  q?: string;
  before?: number;
  limit?: number;
}

/** `like` with the user's text taken literally: % and _ in a return number are not wildcards. */
const startsWith = (text: string) => `${text.replace(/[%_\\]/g, '\\$&')}%`;

/** Newest first; `before` is the last id of the previous page. */
export async function listReturns(
  database: Database,
  query: ReturnQuery,
): Promise<{ items: ReturnSummary[]; next: number | null }> {
  if (query.status && !(returnStatuses as readonly string[]).includes(query.status)) {
    throw invalid(`A return's status is one of ${returnStatuses.join(', ')}.`, 'status');
  }
  const limit = Math.min(query.limit ?? 50, 500);
  const q = query.q?.trim() || null;
  const { rows } = await database.query<Row>(
    `${select}
    where ($1::text is null or c.code = upper($1)) and ($2::text is null or r.status = $2) and ($3::bigint is null or r.id < $3)
      and ($5::text is null or r.external_id like $6 or r.po_number like $6 or r.awb = $5)
    order by r.id desc limit $4`,
    [query.channel ?? null, query.status ?? null, query.before ?? null, limit, q, q === null ? null : startsWith(q)],
  );
  const items = rows.map(summaryOf);
  return { items, next: items.length === limit ? items[items.length - 1].id : null };
}

export async function getReturn(database: Database, id: number): Promise<ReturnSummary & { lines: ReturnLine[] }> {
  const { rows } = await database.query<Row>(`${select} where r.id = $1`, [id]);
  if (!rows[0]) throw notFound(`There is no return order ${id}.`);
  const lines = await database.query<{
    id: number;
    external_line_id: string;
    channel_sku: string;
    code: string | null;
    ean: string | null;
    name: string | null;
    quantity: number;
    received_good: number;
    received_bad: number;
  }>(
    `select l.id, l.external_line_id, l.channel_sku, s.code, s.ean, s.name, l.quantity, l.received_good, l.received_bad
      from return_lines l left join skus s on s.id = l.sku_id where l.return_id = $1 order by l.id`,
    [id],
  );
  return {
    ...summaryOf(rows[0]),
    lines: lines.rows.map((l) => ({
      id: Number(l.id),
      externalLineId: l.external_line_id,
      channelSku: l.channel_sku,
      sku: l.code,
      ean: l.ean,
      name: l.name,
      quantity: l.quantity,
      receivedGood: l.received_good,
      receivedBad: l.received_bad,
    })),
  };
}

/** A marketplace return as a channel's stream parsed it, in Weft's terms. */
export interface IncomingReturn {
  /** The marketplace's return id: the key, so reading a return twice stores it once. */
  externalId: string;
  poNumber: string | null;
  reason: string | null;
  awb: string | null;
  /** When the marketplace recorded it, in seconds since the epoch. */
  createdAtSeconds: number | null;
  /** The record as received, kept for support; a change to it updates the return. */
  raw: unknown;
  line: { externalLineId: string; channelSku: string; quantity: number };
}

/**
 * Stores one return with its line as a CONFIRMED return order of the channel, linked to the Weft order
 * of the same PO when there is one. Says whether it was new, changed or already known, and whether
 * the line's marketplace SKU is mapped to a Weft SKU (an unmapped line cannot be received yet; a
 * later call fills the SKU in once the listing is mapped).
 */
export async function upsertReturn(
  database: Database,
  channelId: number,
  r: IncomingReturn,
): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; skuMapped: boolean }> {
  const header = await database.query<{ id: number; inserted: boolean }>(
    `
    insert into return_orders (channel_id, external_id, po_number, order_id, status, reason, awb, marketplace_created_at, raw)
    values ($1, $2, $3, (select id from orders where channel_id = $1 and po_number = $3), 'confirmed', $4, $5,
            case when $6::bigint is null then null else to_timestamp($6::bigint) end, $7::jsonb)
    on conflict (channel_id, external_id) do update set
      order_id = coalesce(return_orders.order_id, excluded.order_id), raw = excluded.raw, reason = excluded.reason,
      awb = excluded.awb, updated_at = now()
    where return_orders.raw is distinct from excluded.raw
       or (return_orders.order_id is null and excluded.order_id is not null)
    returning id, (xmax = 0) as inserted`,
    [channelId, r.externalId, r.poNumber, r.reason, r.awb, r.createdAtSeconds, JSON.stringify(r.raw)],
  );
  let id = header.rows[0]?.id;
  if (id === undefined) {
    id = (
      await database.query<{ id: number }>('select id from return_orders where channel_id = $1 and external_id = $2', [
        channelId,
        r.externalId,
      ])
    ).rows[0].id;
  }
  const line = await database.query<{ sku_id: number | null }>(
    `
    insert into return_lines (return_id, external_line_id, channel_sku, sku_id, quantity)
    values ($1, $2, $3, (select sku_id from channel_listings where channel_id = $4 and channel_sku = $3), $5)
    on conflict (return_id, external_line_id) do update set
      sku_id = coalesce(return_lines.sku_id, excluded.sku_id), quantity = excluded.quantity, channel_sku = excluded.channel_sku
    returning sku_id`,
    [id, r.line.externalLineId, r.line.channelSku, channelId, r.line.quantity],
  );
  const inserted = header.rows[0]?.inserted;
  return {
    outcome: inserted === true ? 'created' : header.rows[0] ? 'updated' : 'unchanged',
    skuMapped: line.rows[0].sku_id !== null,
  };
}
