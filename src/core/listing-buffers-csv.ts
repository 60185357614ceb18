import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/connect.ts';
import { queryRows } from '../db/rows.ts';
import { audit } from './audit.ts';
import { invalid } from './errors.ts';
import { maxUnits } from './schema-types.ts';

/**
 * Listing buffers in bulk from CSV (`channel,sku,buffer`): the units held back from each marketplace.
 * `sku` is the channel's SKU of one listing or a Weft SKU code, which sets every listing of the
 * channel linked to it. Every line gets its own result and a bad line never stops the others; the
 * file is read whole first, so one that cannot be read as CSV is refused naming the line, before
 * anything changes. All good lines land in one transaction, with one audit entry.
 */
export interface BufferLineResult {
  line: number;
  channel: string;
  sku: string;
  buffer: number | null;
  status: 'set' | 'unchanged' | 'error';
  /** How many listings the line set (a Weft SKU may have several on one channel). */
  listings: number;
  message?: string;
}

export interface BufferCsvResult {
  rows: number;
  set: number;
  unchanged: number;
  failed: number;
  results: BufferLineResult[];
}

export const bufferCsvColumns = ['channel', 'sku', 'buffer'] as const;

const list = (values: unknown[]) => sql.param(values);

async function readLines(input: Readable | string): Promise<BufferLineResult[]> {
  const parser = parse({
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim().toLowerCase());
      const missing = bufferCsvColumns.filter((c) => !names.includes(c));
      if (missing.length)
        throw invalid(`The CSV needs the columns channel,sku,buffer; missing: ${missing.join(', ')}.`, 'body');
      return names;
    },
    bom: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
  });
  const source = typeof input === 'string' ? parser.end(input) : input.pipe(parser);
  const lines: BufferLineResult[] = [];
  try {
    for await (const record of source as AsyncIterable<Record<string, string>>) {
      // Line numbers as a spreadsheet shows them: the header is line 1.
      const text = record.buffer ?? '';
      const buffer = /^\d+$/.test(text) ? Number(text) : null;
      const line: BufferLineResult = {
        line: lines.length + 2,
        channel: (record.channel ?? '').toUpperCase(),
        sku: record.sku ?? '',
        buffer,
        status: 'error',
        listings: 0,
      };
      if (!line.channel) line.message = "channel is empty: give the channel's code, as Manage Channels shows it.";
      else if (!line.sku) line.message = "sku is empty: give the channel's SKU or the Weft SKU code.";
      else if (buffer === null || buffer > maxUnits)
        line.message = `buffer "${text}" is not a whole number of units from 0 to ${maxUnits.toLocaleString('en-IN')}.`;
      lines.push(line);
    }
  } catch (error) {
    if (typeof input !== 'string') input.destroy();
    if (!(error instanceof CsvError)) throw error;
    const at = (error as CsvError & { lines?: number }).lines;
    throw invalid(
      `The CSV cannot be read at line ${at ?? '?'} (${error.message.replace(/ at line \d+/, '')}); no buffer was changed: correct that line and send the file again.`,
      'body',
      { line: at },
    );
  }
  return lines;
}

export async function setBuffersFromCsv(
  database: Database,
  input: Readable | string,
  actor: string,
): Promise<BufferCsvResult> {
  const results = await readLines(input);
  const wanted = results.filter((r) => !r.message);
  if (wanted.length > 0) {
    await database.db.transaction(async (tx) => {
      const channelCodes = [...new Set(wanted.map((r) => r.channel))];
      const skuTexts = [...new Set(wanted.map((r) => r.sku))];
      // Each line's listings: by channel SKU first; failing that, those linked to the Weft SKU of that code.
      const found = await queryRows<{ channel: string; key: string; id: number; buffer: number; by: string }>(
        tx,
        sql`
        select c.code as channel, l.channel_sku as key, l.id, l.buffer, 'channel' as by
          from channel_listings l join channels c on c.id = l.channel_id
         where c.code = any(${list(channelCodes)}::text[]) and l.channel_sku = any(${list(skuTexts)}::text[])
        union all
        select c.code, s.code, l.id, l.buffer, 'weft'
          from channel_listings l join channels c on c.id = l.channel_id join skus s on s.id = l.sku_id
         where c.code = any(${list(channelCodes)}::text[]) and s.code = any(${list(skuTexts)}::text[])`,
      );
      const known = await queryRows<{ code: string }>(
        tx,
        sql`select code from channels where code = any(${list(channelCodes)}::text[])`,
      );
      const channelExists = new Set(known.map((c) => c.code));
      const byChannelSku = new Map<string, typeof found>();
      const byWeftSku = new Map<string, typeof found>();
      for (const f of found) {
        const map = f.by === 'channel' ? byChannelSku : byWeftSku;
        const k = `${f.channel}\u0000${f.key}`;
        map.set(k, [...(map.get(k) ?? []), f]);
      }
      const target = new Map<number, { buffer: number; line: number }>();
      for (const r of wanted) {
        const k = `${r.channel}\u0000${r.sku}`;
        const listings = byChannelSku.get(k) ?? byWeftSku.get(k) ?? [];
        if (!channelExists.has(r.channel)) {
          r.message = `There is no channel ${r.channel}.`;
          continue;
        }
        if (listings.length === 0) {
          r.message = `Channel ${r.channel} has no listing with channel SKU ${r.sku} nor one linked to Weft SKU ${r.sku}: pull the channel's SKUs (and link them) first.`;
          continue;
        }
        const clash = listings.find((l) => target.has(l.id) && target.get(l.id)!.buffer !== r.buffer);
        if (clash) {
          r.message = `Line ${target.get(clash.id)!.line} already sets another buffer for this listing; keep one line per listing.`;
          continue;
        }
        for (const l of listings) target.set(l.id, { buffer: r.buffer!, line: r.line });
        r.listings = listings.length;
        r.status = listings.every((l) => l.buffer === r.buffer) ? 'unchanged' : 'set';
      }
      const current = new Map(found.map((f) => [f.id, f.buffer]));
      const changes = [...target.entries()].filter(([id, t]) => current.get(id) !== t.buffer);
      if (changes.length === 0) return;
      await tx.execute(sql`
        update channel_listings l set buffer = t.buffer, updated_at = now()
          from unnest(${list(changes.map(([id]) => id))}::bigint[], ${list(changes.map(([, t]) => t.buffer))}::int[])
            as t(id, buffer)
         where l.id = t.id`);
      await audit(tx, {
        actor,
        action: 'set-buffer-csv',
        entity: 'channel_listing',
        entityId: 'csv',
        after: wanted
          .filter((r) => r.status === 'set')
          .map((r) => ({ channel: r.channel, sku: r.sku, buffer: r.buffer })),
      });
    });
  }
  const result: BufferCsvResult = { rows: results.length, set: 0, unchanged: 0, failed: 0, results };
  for (const r of results) {
    if (r.status === 'set') result.set++;
    else if (r.status === 'unchanged') result.unchanged++;
    else result.failed++;
  }
  return result;
}
