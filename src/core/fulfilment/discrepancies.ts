import type { Database } from '../../db/connect.ts';
import { invalid } from '../errors.ts';
import { csvCell } from '../csv.ts';

/**
 * What a pack recorded that the marketplace's documents cannot reflect (see pack-plan.ts: a prefetched
 * box packed at another weight than the marketplace holds), for an operations manager: newest first, by channel
 * and date, paged, and as CSV for the account manager.
 */
export interface Discrepancy {
  id: number;
  orderId: number;
  poNumber: string;
  channel: string;
  orderStatus: string;
  kind: string;
  boxCode: string;
  marketplaceValue: number;
  packedValue: number;
  message: string;
  createdBy: string;
  createdAt: Date;
}

export interface DiscrepancyQuery {
  channel?: string;
  from?: Date;
  to?: Date;
  /** The `next` of the previous page. */
  before?: number;
  limit?: number;
}

export async function listDiscrepancies(
  database: Database,
  query: DiscrepancyQuery,
): Promise<{ items: Discrepancy[]; next: string | null }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 5000);
  const { rows } = await database.query<{
    id: number;
    order_id: number;
    po_number: string;
    channel: string;
    status: string;
    kind: string;
    box_code: string;
    marketplace_value: number;
    packed_value: number;
    message: string;
    created_by: string;
    created_at: Date | string;
  }>(
    `select d.id, d.order_id, o.po_number, c.code as channel, o.status, d.kind, d.box_code, d.marketplace_value, d.packed_value,
        d.message, d.created_by, d.created_at
      from order_discrepancies d join orders o on o.id = d.order_id join channels c on c.id = o.channel_id
      where ($1::text is null or c.code = upper($1)) and ($2::timestamptz is null or d.created_at >= $2)
        and ($3::timestamptz is null or d.created_at <= $3) and ($4::bigint is null or d.id < $4)
      order by d.id desc limit $5`,
    [
      query.channel?.trim() || null,
      query.from?.toISOString() ?? null,
      query.to?.toISOString() ?? null,
      query.before ?? null,
      limit,
    ],
  );
  const items = rows.map(
    (r): Discrepancy => ({
      id: Number(r.id),
      orderId: Number(r.order_id),
      poNumber: r.po_number,
      channel: r.channel,
      orderStatus: r.status,
      kind: r.kind,
      boxCode: r.box_code,
      marketplaceValue: r.marketplace_value,
      packedValue: r.packed_value,
      message: r.message,
      createdBy: r.created_by,
      createdAt: new Date(r.created_at),
    }),
  );
  return { items, next: items.length === limit ? String(items[items.length - 1].id) : null };
}

const unitOf: Record<string, string> = { weight: 'grams' };

/** Every discrepancy the query selects (up to 5,000), one CSV row each. */
export async function discrepanciesCsv(
  database: Database,
  query: Omit<DiscrepancyQuery, 'before' | 'limit'>,
): Promise<string> {
  if (query.from && query.to && query.from > query.to)
    throw invalid('from is after to: give the earlier date first.', 'from');
  const { items } = await listDiscrepancies(database, { ...query, limit: 5000 });
  const lines = [
    'recorded_at,channel,po_number,order_status,kind,box_id,marketplace_value,packed_value,unit,message,recorded_by',
  ];
  for (const d of items) {
    lines.push(
      [
        d.createdAt,
        d.channel,
        d.poNumber,
        d.orderStatus,
        d.kind,
        d.boxCode,
        d.marketplaceValue,
        d.packedValue,
        unitOf[d.kind] ?? '',
        d.message,
        d.createdBy,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
