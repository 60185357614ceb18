import type { Database } from '../db/connect.ts';
import { notFound } from './errors.ts';

/**
 * Reconciliation reports: one per run, listing every listing whose marketplace figure differed from
 * Weft's, with both figures and whether the correction push was accepted.
 */
export interface ReportSummary {
  id: number;
  channel: string;
  runId: number | null;
  compared: number;
  drifted: number;
  corrected: number;
  createdAt: Date;
}

export interface Drift {
  listingId: number;
  channelSku: string;
  sku: string | null;
  marketplaceQty: number | null;
  weftQty: number;
  corrected: boolean;
  message: string | null;
}

export async function createReport(database: Database, input: { channelId: number; runId: number | null }): Promise<number> {
  const { rows } = await database.query<{ id: number }>(
    'insert into reconciliation_reports (channel_id, run_id) values ($1, $2) returning id', [input.channelId, input.runId]);
  return Number(rows[0].id);
}

/** Adds one page: how many listings were compared and the drifted ones. */
export async function recordDrifts(
  database: Database, reportId: number, compared: number,
  drifts: { listingId: number; channelSku: string; marketplaceQty: number | null; weftQty: number; message: string | null }[],
): Promise<void> {
  if (drifts.length) {
    await database.query(`
      insert into reconciliation_drifts (report_id, listing_id, channel_sku, marketplace_qty, weft_qty, message)
      select $1, t.listing_id, t.channel_sku, t.marketplace_qty, t.weft_qty, t.message
      from unnest($2::bigint[], $3::text[], $4::int[], $5::int[], $6::text[]) as t(listing_id, channel_sku, marketplace_qty, weft_qty, message)`,
    [reportId, drifts.map((d) => d.listingId), drifts.map((d) => d.channelSku), drifts.map((d) => d.marketplaceQty),
      drifts.map((d) => d.weftQty), drifts.map((d) => d.message)]);
  }
  await database.query('update reconciliation_reports set compared = compared + $2, drifted = drifted + $3 where id = $1',
    [reportId, compared, drifts.length]);
}

/** After the correction push: a drift is corrected when the listing's push succeeded, else it keeps the push's message. */
export async function settleDrifts(database: Database, reportId: number, listingIds: number[]): Promise<void> {
  await database.query(`
    update reconciliation_drifts d
    set corrected = (li.status = 'success'),
        message = case when li.status = 'success' then d.message
                       else concat_ws(' ', d.message, 'Correction not accepted: ' || coalesce(li.message, li.status) || '.') end
    from listing_inventory li
    where d.report_id = $1 and d.listing_id = any($2::bigint[]) and li.listing_id = d.listing_id`, [reportId, listingIds]);
}

export async function finishReport(database: Database, reportId: number): Promise<void> {
  await database.query(`
    update reconciliation_reports r set corrected = (select count(*) from reconciliation_drifts d where d.report_id = r.id and d.corrected)
    where r.id = $1`, [reportId]);
}

type ReportRow = { id: number; channel: string; run_id: number | null; compared: number; drifted: number; corrected: number; created_at: Date | string };

const summaryOf = (r: ReportRow): ReportSummary => ({
  id: Number(r.id), channel: r.channel, runId: r.run_id === null ? null : Number(r.run_id),
  compared: r.compared, drifted: r.drifted, corrected: r.corrected, createdAt: new Date(r.created_at),
});

const reportSelect = `select r.id, c.code as channel, r.run_id, r.compared, r.drifted, r.corrected, r.created_at
  from reconciliation_reports r join channels c on c.id = r.channel_id`;

export async function listReports(database: Database, query: { channelId: number; before?: number; limit?: number }): Promise<ReportSummary[]> {
  const { rows } = await database.query<ReportRow>(`${reportSelect} where r.channel_id = $1 and ($2::bigint is null or r.id < $2)
    order by r.id desc limit $3`, [query.channelId, query.before ?? null, Math.min(query.limit ?? 50, 500)]);
  return rows.map(summaryOf);
}

export async function getReport(database: Database, id: number, page: { after?: number; limit?: number } = {}): Promise<ReportSummary & { drifts: (Drift & { id: number })[]; next: number | null }> {
  const { rows } = await database.query<ReportRow>(`${reportSelect} where r.id = $1`, [id]);
  if (!rows[0]) throw notFound(`There is no reconciliation report ${id}.`);
  const limit = Math.min(page.limit ?? 1000, 10_000);
  const drifts = await driftPage(database, id, page.after ?? 0, limit);
  return { ...summaryOf(rows[0]), drifts, next: drifts.length === limit ? drifts[drifts.length - 1].id : null };
}

async function driftPage(database: Database, reportId: number, after: number, limit: number): Promise<(Drift & { id: number })[]> {
  const { rows } = await database.query<{
    id: number; listing_id: number; channel_sku: string; code: string | null; marketplace_qty: number | null; weft_qty: number; corrected: boolean; message: string | null;
  }>(`select d.id, d.listing_id, d.channel_sku, s.code, d.marketplace_qty, d.weft_qty, d.corrected, d.message
      from reconciliation_drifts d join channel_listings l on l.id = d.listing_id left join skus s on s.id = l.sku_id
      where d.report_id = $1 and d.id > $2 order by d.id limit $3`, [reportId, after, limit]);
  return rows.map((r) => ({
    id: Number(r.id), listingId: Number(r.listing_id), channelSku: r.channel_sku, sku: r.code,
    marketplaceQty: r.marketplace_qty, weftQty: r.weft_qty, corrected: r.corrected, message: r.message,
  }));
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The report as CSV, one drifted SKU a line with both figures; read in pages, so a large report stays cheap. */
export async function reportCsv(database: Database, id: number): Promise<string> {
  const { rows } = await database.query<ReportRow>(`${reportSelect} where r.id = $1`, [id]);
  if (!rows[0]) throw notFound(`There is no reconciliation report ${id}.`);
  const lines = ['channel_sku,weft_sku,marketplace_qty,weft_qty,difference,corrected,message'];
  for (let after = 0; ;) {
    const page = await driftPage(database, id, after, 5000);
    for (const d of page) {
      const difference = d.marketplaceQty === null ? '' : d.marketplaceQty - d.weftQty;
      lines.push([d.channelSku, d.sku, d.marketplaceQty, d.weftQty, difference, d.corrected ? 'yes' : 'no', d.message].map(csvCell).join(','));
    }
    if (page.length < 5000) break;
    after = page[page.length - 1].id;
  }
  return `${lines.join('\n')}\n`;
}
