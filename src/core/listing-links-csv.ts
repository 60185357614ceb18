import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/connect.ts';
import { queryRows } from '../db/rows.ts';
import { audit } from './audit.ts';
import { invalid } from './errors.ts';

/**
 * Bulk linking of listings from CSV (`channel_sku,sku_code`), for the unmapped list exported and
 * filled in a spreadsheet. Each line gets its own result; a bad line never stops the others.
 * The whole file is read first — one that cannot be read as CSV is refused naming the line, before
 * anything is linked — then lines are applied in batches, each in one transaction, with one audit
 * entry per batch.
 */
export interface LinkLineResult {
  line: number;
  channelSku: string;
  skuCode: string;
  status: 'linked' | 'unchanged' | 'error';
  message?: string;
}

export interface LinkCsvResult {
  rows: number;
  linked: number;
  unchanged: number;
  failed: number;
  results: LinkLineResult[];
}

const batchSize = 1000;

const list = (values: unknown[]) => sql.param(values);

async function applyBatch(
  database: Database,
  channelId: number,
  batch: LinkLineResult[],
  actor: string,
): Promise<void> {
  const skusWanted = [...new Set(batch.map((r) => r.channelSku))];
  const codes = [...new Set(batch.map((r) => r.skuCode))];
  await database.db.transaction(async (tx) => {
    const listings = await queryRows<{ channel_sku: string; sku_id: number | null }>(
      tx,
      sql`
      select channel_sku, sku_id from channel_listings
      where channel_id = ${channelId} and channel_sku = any(${list(skusWanted)}::text[]) for update`,
    );
    const found = await queryRows<{ id: number; code: string; active: boolean }>(
      tx,
      sql`
      select id, code, active from skus where code = any(${list(codes)}::text[])`,
    );
    const listingOf = new Map(listings.map((l) => [l.channel_sku, l]));
    const skuOf = new Map(found.map((s) => [s.code, s]));
    const toLink = new Map<string, number>();
    for (const r of batch) {
      const listing = listingOf.get(r.channelSku);
      const sku = skuOf.get(r.skuCode);
      if (!listing)
        Object.assign(r, {
          status: 'error',
          message: `This channel has no listing with channel SKU ${r.channelSku}: pull SKUs first.`,
        });
      else if (!sku) Object.assign(r, { status: 'error', message: `There is no Weft SKU with code ${r.skuCode}.` });
      else if (!sku.active)
        Object.assign(r, {
          status: 'error',
          message: `Weft SKU ${r.skuCode} is inactive: activate it before linking listings to it.`,
        });
      else if (toLink.has(r.channelSku) && toLink.get(r.channelSku) !== sku.id) {
        Object.assign(r, {
          status: 'error',
          message: `Channel SKU ${r.channelSku} appears earlier in this file with another SKU code; each listing links to one SKU.`,
        });
      } else if (listing.sku_id === sku.id || toLink.get(r.channelSku) === sku.id) r.status = 'unchanged';
      else {
        r.status = 'linked';
        toLink.set(r.channelSku, sku.id);
      }
    }
    if (toLink.size === 0) return;
    const channelSkus = list([...toLink.keys()]);
    const skuIds = list([...toLink.values()]);
    await tx.execute(sql`
      update channel_listings l set sku_id = t.sku_id, mapped_by = ${`manual:${actor}`}, mapped_at = now(), updated_at = now()
      from unnest(${channelSkus}::text[], ${skuIds}::int[]) as t(channel_sku, sku_id)
      where l.channel_id = ${channelId} and l.channel_sku = t.channel_sku`);
    // Their back orders follow at once: exceptions of a now-linked listing start reserving.
    await tx.execute(sql`
      update backorder_lines b set sku_id = t.sku_id, status = 'open', exception = null, updated_at = now()
      from unnest(${channelSkus}::text[], ${skuIds}::int[]) as t(channel_sku, sku_id)
      where b.channel_id = ${channelId} and b.channel_sku = t.channel_sku and b.status in ('open', 'exception')`);
    await audit(tx, {
      actor,
      action: 'link-csv',
      entity: 'channel_listing',
      entityId: `${channelId}:csv`,
      after: batch.filter((r) => r.status === 'linked').map((r) => ({ channelSku: r.channelSku, sku: r.skuCode })),
    });
  });
}

export async function linkListingsFromCsv(
  database: Database,
  channelId: number,
  input: Readable | string,
  actor: string,
): Promise<LinkCsvResult> {
  const parser = parse({
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
  });
  const source = typeof input === 'string' ? parser.end(input) : input.pipe(parser);
  const result: LinkCsvResult = { rows: 0, linked: 0, unchanged: 0, failed: 0, results: [] };
  const toApply: LinkLineResult[] = [];
  let checked = false;
  try {
    for await (const record of source as AsyncIterable<Record<string, string>>) {
      if (!checked) {
        checked = true;
        const missing = ['channel_sku', 'sku_code'].filter((c) => !(c in record));
        if (missing.length)
          throw invalid(`The CSV needs the columns channel_sku and sku_code; missing: ${missing.join(', ')}.`);
      }
      result.rows++;
      // Line numbers as a spreadsheet shows them: the header is line 1.
      const line: LinkLineResult = {
        line: result.rows + 1,
        channelSku: record.channel_sku ?? '',
        skuCode: record.sku_code ?? '',
        status: 'error',
      };
      result.results.push(line);
      if (!line.channelSku) line.message = 'channel_sku is empty.';
      else if (!line.skuCode) line.message = 'sku_code is empty.';
      else toApply.push(line);
    }
  } catch (error) {
    if (typeof input !== 'string') input.destroy();
    if (!(error instanceof CsvError)) throw error;
    const at = (error as CsvError & { lines?: number }).lines;
    throw invalid(
      `The CSV cannot be read at line ${at ?? '?'} (${error.message.replace(/ at line \d+/, '')}); nothing was linked: correct that line and send the file again.`,
      'body',
      { line: at },
    );
  }
  for (let i = 0; i < toApply.length; i += batchSize)
    await applyBatch(database, channelId, toApply.slice(i, i + batchSize), actor);
  for (const r of result.results) {
    if (r.status === 'linked') result.linked++;
    else if (r.status === 'unchanged') result.unchanged++;
    else result.failed++;
  }
  return result;
}
