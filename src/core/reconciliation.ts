import type { Database } from '../db/connect.ts';
import { notFound } from './errors.ts';
import { csvCell } from './csv.ts';

/**
 * Reconciliation reports: one per run, with two kinds of row:
 * - drift: a listing whose marketplace figure differed from Weft's, with both figures and whether the
 *   correction push was accepted;
 * - missing: a mapped, active listing the marketplace no longer lists at all. Weft's figure is kept,
 *   the marketplace has none, and nothing is pushed: a JIT listing can only be restored on the marketplace's side.
 */
export interface ReportSummary {
  id: number;
  channel: string;
  runId: number | null;
  compared: number;
  drifted: number;
  corrected: number;
  /** Mapped listings the marketplace no longer lists; null when the run could not tell (see finishReport). */
  missing: number | null;
  createdAt: Date;
}

export const rowKinds = ['drift', 'missing'] as const;
export type RowKind = (typeof rowKinds)[number];

export interface Drift {
  kind: RowKind;
  listingId: number;
  channelSku: string;
  sku: string | null;
  marketplaceQty: number | null;
  weftQty: number;
  corrected: boolean;
  message: string | null;
}

export async function createReport(
  database: Database,
  input: { channelId: number; runId: number | null },
): Promise<number> {
  const { rows } = await database.query<{ id: number }>(
    'insert into reconciliation_reports (channel_id, run_id) values ($1, $2) returning id',
    [input.channelId, input.runId],
  );
  return Number(rows[0].id);
}

/** Adds one page: how many listings were compared and the drifted ones. */
export async function recordDrifts(
  database: Database,
  reportId: number,
  compared: number,
  drifts: {
    listingId: number;
    channelSku: string;
    marketplaceQty: number | null;
    weftQty: number;
    message: string | null;
  }[],
): Promise<void> {
  if (drifts.length) {
    await database.query(
      `
      insert into reconciliation_drifts (report_id, listing_id, channel_sku, marketplace_qty, weft_qty, message)
      select $1, t.listing_id, t.channel_sku, t.marketplace_qty, t.weft_qty, t.message
      from unnest($2::bigint[], $3::text[], $4::int[], $5::int[], $6::text[]) as t(listing_id, channel_sku, marketplace_qty, weft_qty, message)`,
      [
        reportId,
        drifts.map((d) => d.listingId),
        drifts.map((d) => d.channelSku),
        drifts.map((d) => d.marketplaceQty),
        drifts.map((d) => d.weftQty),
        drifts.map((d) => d.message),
      ],
    );
  }
  await database.query(
    'update reconciliation_reports set compared = compared + $2, drifted = drifted + $3 where id = $1',
    [reportId, compared, drifts.length],
  );
}

/** After the correction push: a drift is corrected when the listing's push succeeded, else it keeps the push's message. */
export async function settleDrifts(database: Database, reportId: number, listingIds: number[]): Promise<void> {
  await database.query(
    `
    update reconciliation_drifts d
    set corrected = (li.status = 'success'),
        message = case when li.status = 'success' then d.message
                       else concat_ws(' ', d.message, 'Correction not accepted: ' || coalesce(li.message, li.status) || '.') end
    from listing_inventory li
    where d.report_id = $1 and d.listing_id = any($2::bigint[]) and li.listing_id = d.listing_id`,
    [reportId, listingIds],
  );
}

/** Stamps the listings a page of the marketplace's catalogue showed, with the figure it showed (null: none readable). */
export async function markSeen(
  database: Database,
  listings: { listingId: number; marketplaceQty: number | null }[],
): Promise<void> {
  if (listings.length === 0) return;
  await database.query(
    `
    update channel_listings l set marketplace_inventory = t.q, reconciled_at = now()
    from unnest($1::bigint[], $2::int[]) as t(id, q) where l.id = t.id`,
    [listings.map((l) => l.listingId), listings.map((l) => l.marketplaceQty)],
  );
}

/**
 * One keyset page of the listings the report's read of the catalogue did not see. Which listings count
 * as missing, and why:
 * - active and mapped ones only: those are the listings Weft pushes stock for, so believes on sale.
 *   A listing the SKU pull already made inactive (the marketplace unpublished it, or it vanished from a complete
 *   pull) is known gone, shown inactive on the listings screen and no longer pushed; reporting it
 *   again every day would bury the new cases. An unmapped listing holds no Weft stock.
 * - not stamped by this report's read (reconciled_at older than the report, or never stamped);
 * - not seen by a SKU pull, nor mapped, since the report began: such a listing is at the marketplace (or was
 *   linked) after the page that would have held it was read, so its absence proves nothing.
 */
export async function missingListingIds(
  database: Database,
  input: { channelId: number; reportId: number; after: number; limit: number },
): Promise<number[]> {
  const { rows } = await database.query<{ id: number }>(
    `
    select l.id from channel_listings l join reconciliation_reports r on r.id = $2
    where l.channel_id = $1 and l.active and l.sku_id is not null
      and (l.reconciled_at is null or l.reconciled_at < r.created_at)
      and l.last_seen_at < r.created_at and (l.mapped_at is null or l.mapped_at < r.created_at)
      and l.id > $3
    order by l.id limit $4`,
    [input.channelId, input.reportId, input.after, input.limit],
  );
  return rows.map((r) => Number(r.id));
}

/** What a seller reads against a missing listing: what it means and what to do, since Weft cannot fix it. */
export const missingMessage =
  'The marketplace no longer lists this SKU, so the stock Weft pushes for it is not on sale there. ' +
  "Check the listing in the marketplace's seller panel (unpublished, blocked or removed?) and have it restored there: " +
  'Weft cannot create JIT listings, so it pushes no correction.';

/** Adds missing listings to the report with Weft's figure; the marketplace's figure is cleared, since it shows none. */
export async function recordMissing(
  database: Database,
  reportId: number,
  listings: { listingId: number; channelSku: string; weftQty: number }[],
): Promise<void> {
  if (listings.length === 0) return;
  await database.query(
    `
    insert into reconciliation_drifts (report_id, kind, listing_id, channel_sku, marketplace_qty, weft_qty, message)
    select $1, 'missing', t.listing_id, t.channel_sku, null, t.weft_qty, $5
    from unnest($2::bigint[], $3::text[], $4::int[]) as t(listing_id, channel_sku, weft_qty)`,
    [
      reportId,
      listings.map((l) => l.listingId),
      listings.map((l) => l.channelSku),
      listings.map((l) => l.weftQty),
      missingMessage,
    ],
  );
  await database.query('update channel_listings set marketplace_inventory = null where id = any($1::bigint[])', [
    listings.map((l) => l.listingId),
  ]);
}

/**
 * Closes the report's counts. `missingChecked` is false when the catalogue was not read to the end:
 * the listings not seen then include ones simply not reached, so none is reported and missing stays null.
 */
export async function finishReport(
  database: Database,
  reportId: number,
  options: { missingChecked: boolean },
): Promise<void> {
  await database.query(
    `
    update reconciliation_reports r
    set corrected = (select count(*) from reconciliation_drifts d where d.report_id = r.id and d.kind = 'drift' and d.corrected),
        missing = case when $2 then (select count(*) from reconciliation_drifts d where d.report_id = r.id and d.kind = 'missing') end
    where r.id = $1`,
    [reportId, options.missingChecked],
  );
}

type ReportRow = {
  id: number;
  channel: string;
  run_id: number | null;
  compared: number;
  drifted: number;
  corrected: number;
  missing: number | null;
  created_at: Date | string;
};

const summaryOf = (r: ReportRow): ReportSummary => ({
  id: Number(r.id),
  channel: r.channel,
  runId: r.run_id === null ? null : Number(r.run_id),
  compared: r.compared,
  drifted: r.drifted,
  corrected: r.corrected,
  missing: r.missing === null ? null : Number(r.missing),
  createdAt: new Date(r.created_at),
});

const reportSelect = `select r.id, c.code as channel, r.run_id, r.compared, r.drifted, r.corrected, r.missing, r.created_at
  from reconciliation_reports r join channels c on c.id = r.channel_id`;

export async function listReports(
  database: Database,
  query: { channelId: number; before?: number; limit?: number },
): Promise<ReportSummary[]> {
  const { rows } = await database.query<ReportRow>(
    `${reportSelect} where r.channel_id = $1 and ($2::bigint is null or r.id < $2)
    order by r.id desc limit $3`,
    [query.channelId, query.before ?? null, Math.min(query.limit ?? 50, 500)],
  );
  return rows.map(summaryOf);
}

/** The report with one page of its rows (by row id), of both kinds or of one `kind`. */
export async function getReport(
  database: Database,
  id: number,
  page: { after?: number; limit?: number; kind?: RowKind } = {},
): Promise<ReportSummary & { drifts: (Drift & { id: number })[]; next: number | null }> {
  const { rows } = await database.query<ReportRow>(`${reportSelect} where r.id = $1`, [id]);
  if (!rows[0]) throw notFound(`There is no reconciliation report ${id}.`);
  const limit = Math.min(page.limit ?? 1000, 10_000);
  const drifts = await driftPage(database, id, page.after ?? 0, limit, page.kind);
  return { ...summaryOf(rows[0]), drifts, next: drifts.length === limit ? drifts[drifts.length - 1].id : null };
}

async function driftPage(
  database: Database,
  reportId: number,
  after: number,
  limit: number,
  kind?: RowKind,
): Promise<(Drift & { id: number })[]> {
  const { rows } = await database.query<{
    id: number;
    kind: RowKind;
    listing_id: number;
    channel_sku: string;
    code: string | null;
    marketplace_qty: number | null;
    weft_qty: number;
    corrected: boolean;
    message: string | null;
  }>(
    `select d.id, d.kind, d.listing_id, d.channel_sku, s.code, d.marketplace_qty, d.weft_qty, d.corrected, d.message
      from reconciliation_drifts d join channel_listings l on l.id = d.listing_id left join skus s on s.id = l.sku_id
      where d.report_id = $1 and d.id > $2 and ($4::text is null or d.kind = $4) order by d.id limit $3`,
    [reportId, after, limit, kind ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    listingId: Number(r.listing_id),
    channelSku: r.channel_sku,
    sku: r.code,
    marketplaceQty: r.marketplace_qty,
    weftQty: r.weft_qty,
    corrected: r.corrected,
    message: r.message,
  }));
}

/** How each row kind reads in the CSV's last column, written for the seller who opens it in a spreadsheet. */
const csvKind: Record<RowKind, string> = { drift: 'drift', missing: 'missing at the marketplace' };

/**
 * The report as CSV, one row a line: drifted SKUs with both figures, then listings missing at the
 * marketplace (no marketplace figure, no difference, never corrected). `kind` is the last column, so the
 * columns before it keep their places for sheets made before it existed. Read in pages, so a large report stays cheap.
 */
export async function reportCsv(database: Database, id: number): Promise<string> {
  const { rows } = await database.query<ReportRow>(`${reportSelect} where r.id = $1`, [id]);
  if (!rows[0]) throw notFound(`There is no reconciliation report ${id}.`);
  const lines = ['channel_sku,weft_sku,marketplace_qty,weft_qty,difference,corrected,message,kind'];
  for (let after = 0; ; ) {
    const page = await driftPage(database, id, after, 5000);
    for (const d of page) {
      const difference = d.marketplaceQty === null ? '' : d.marketplaceQty - d.weftQty;
      lines.push(
        [
          d.channelSku,
          d.sku,
          d.marketplaceQty,
          d.weftQty,
          difference,
          d.corrected ? 'yes' : 'no',
          d.message,
          csvKind[d.kind],
        ]
          .map(csvCell)
          .join(','),
      );
    }
    if (page.length < 5000) break;
    after = page[page.length - 1].id;
  }
  return `${lines.join('\n')}\n`;
}
