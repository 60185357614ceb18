import type { Database } from '../../db/connect.ts';
import { figureCtes, figureOf, type ListingFigure } from './available.ts';

/**
 * Each listing's push status in listing_inventory: 'in_process' with its figure and breakdown
 * before the call to the marketplace, then 'success', 'error' or 'submitted' after it. Written a
 * page or a call's worth at a time, in one statement each: on PGlite every statement has a fixed
 * cost, and a statement per listing would cost more than computing the figures.
 */
export type PushFigure = Omit<ListingFigure, 'last'>;

export interface PushOutcome {
  listingId: number;
  /** 'withheld': not sent because of the channel's mode (recorded in the would-send log). */
  status: 'success' | 'error' | 'submitted' | 'withheld';
  message: string | null;
}

/** Upserts the rows of `source` (columns id, pushed, on_hand, allocated, reserved, buffer) as 'in_process' for run `runParam`. */
function upsertInProcess(source: string, runParam: string): string {
  return `
    insert into listing_inventory (listing_id, quantity, breakdown, status, message, run_id, pushed_at)
    select t.id, t.pushed,
           jsonb_build_object('onHand', t.on_hand, 'allocated', t.allocated, 'reserved', t.reserved, 'buffer', t.buffer, 'pushed', t.pushed),
           'in_process', null, ${runParam}, now()
    from ${source} as t
    on conflict (listing_id) do update set quantity = excluded.quantity, breakdown = excluded.breakdown,
      status = 'in_process', message = null, run_id = excluded.run_id, pushed_at = now()`;
}

/** Marks figures computed elsewhere 'in_process' before they are sent. */
export async function markInProcess(database: Database, runId: number, figures: PushFigure[]): Promise<void> {
  if (figures.length === 0) return;
  await database.query(
    upsertInProcess(
      '(select * from unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[]) as u(id, pushed, on_hand, allocated, reserved, buffer))',
      '$7',
    ),
    [
      figures.map((f) => f.listingId),
      figures.map((f) => f.pushed),
      figures.map((f) => f.onHand),
      figures.map((f) => f.allocated),
      figures.map((f) => f.reserved),
      figures.map((f) => f.buffer),
      runId,
    ],
  );
}

/**
 * One keyset page of a channel's listings (ids after `after`, at most `limit`): computes every
 * figure, keeps those due — never pushed, last push not a success (failed SKUs are retried), figure
 * changed since, or not pushed since `fullSince` (a full push asked for) — marks them 'in_process'
 * for `runId`, and returns them, all in one statement. `pageEnd` is the page's last listing id, the
 * `after` of the next page; null when there are no more listings.
 *
 * Listings already in listing_inventory are updated and new ones inserted, rather than one
 * `insert … on conflict`: the speculative insert costs several times an update per row. The due
 * figures come back as one json value, which both drivers decode natively; PGlite would otherwise
 * decode field by field in JavaScript, which costs more than computing the figures.
 */
export async function claimDuePage(
  database: Database,
  input: {
    channelId: number;
    warehouseIds: number[];
    after: number;
    limit: number;
    fullSince: Date | null;
    runId: number;
  },
): Promise<{ pageEnd: number | null; due: PushFigure[] }> {
  const breakdown =
    "jsonb_build_object('onHand', d.on_hand, 'allocated', d.allocated, 'reserved', d.reserved, 'buffer', d.buffer, 'pushed', d.pushed)";
  const {
    rows: [row],
  } = await database.query<{
    page_end: number | null;
    due: [number, string, string, number, number, number, number, number, number][];
  }>(
    `
    with ${figureCtes('and l.id > $3 order by l.id limit $4')},
    due as (
      select * from figures f
      where f.last_status is null or f.last_status not in ('success', 'withheld') or f.last_qty <> f.pushed or f.last_pushed_at < $5::timestamptz
    ),
    updated as (
      update listing_inventory li set quantity = d.pushed, breakdown = ${breakdown},
        status = 'in_process', message = null, run_id = $6, pushed_at = now()
      from due d
      where li.listing_id = d.id and li.listing_id = any(array(select id from due where last_status is not null))
    ),
    inserted as (${upsertInProcess('(select * from due where last_status is null)', '$6')})
    select (select max(id) from page) as page_end,
           (select coalesce(json_agg(json_build_array(d.id, d.channel_sku, d.channel_product_id, d.sku_id,
              d.buffer, d.on_hand, d.allocated, d.reserved) order by d.id), '[]') from due d) as due`,
    [
      input.channelId,
      input.warehouseIds,
      input.after,
      input.limit,
      input.fullSince?.toISOString() ?? null,
      input.runId,
    ],
  );
  return {
    pageEnd: row.page_end === null ? null : Number(row.page_end),
    due: row.due.map(([id, channel_sku, channel_product_id, sku_id, buffer, on_hand, allocated, reserved]) =>
      figureOf({
        id,
        channel_sku,
        channel_product_id,
        sku_id,
        buffer,
        on_hand,
        allocated,
        reserved,
      }),
    ),
  };
}

/**
 * Records what the marketplace said about each listing sent (or why it was not sent). Successes,
 * nearly all of them, are one list of ids, which the primary key finds without reading the table.
 */
export async function markOutcomes(database: Database, outcomes: PushOutcome[]): Promise<void> {
  const succeeded = outcomes.filter((o) => o.status === 'success').map((o) => o.listingId);
  const other = outcomes.filter((o) => o.status !== 'success');
  if (succeeded.length) {
    await database.query(
      `update listing_inventory set status = 'success', message = null, pushed_at = now()
      where listing_id = any($1::bigint[])`,
      [succeeded],
    );
  }
  if (other.length) {
    await database.query(
      `
      update listing_inventory li set status = t.status, message = t.message, pushed_at = now()
      from unnest($1::bigint[], $2::text[], $3::text[]) as t(id, status, message)
      where li.listing_id = t.id`,
      [other.map((o) => o.listingId), other.map((o) => o.status), other.map((o) => o.message)],
    );
  }
}
