import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Database, SqlSession } from '../../db/connect.ts';
import { audit } from '../audit.ts';
import { AppError, invalid, isUniqueViolation } from '../errors.ts';
import { newSkuSchema, rupeesToPaise } from './sku-fields.ts';
import { isZodDefaultMessage, plainMessage } from '../plain-issues.ts';

/**
 * Bulk import of the SKU master from CSV. Valid rows land (inserted or updated by code) in batches,
 * all in one transaction; invalid rows are reported by line and skipped, never guessed at. A file
 * that cannot be read as CSV (a broken quote) is refused whole, naming the line: nothing of it lands.
 */
export const skuCsvColumns = [
  'code',
  'ean',
  'name',
  'brand',
  'style',
  'size',
  'colour',
  'hsn',
  'mrp',
  'active',
] as const;
const requiredColumns = ['code', 'name', 'mrp'];
const batchSize = 2000;
const maxReportedErrors = 1000;

export interface ImportError {
  line: number;
  code?: string;
  message: string;
}

export interface ImportResult {
  rows: number;
  inserted: number;
  updated: number;
  failed: number;
  /** The first 1,000 errors; `failed` counts them all. */
  errors: ImportError[];
}

interface Row {
  line: number;
  code: string;
  ean: string | null;
  name: string;
  brand: string;
  style: string;
  size: string;
  colour: string;
  hsn: string;
  mrpPaise: number;
  active: boolean;
}

const truthy = new Set(['', 'yes', 'y', 'true', '1', 'active']);
const falsy = new Set(['no', 'n', 'false', '0', 'inactive']);

function toRow(record: Record<string, string>, line: number): Row | ImportError {
  const code = (record.code ?? '').trim();
  const mrpText = (record.mrp ?? '').trim();
  const mrpPaise = rupeesToPaise(mrpText);
  if (mrpPaise === null)
    return { line, code, message: `mrp "${mrpText}" is not an amount in rupees, such as 1299 or 1299.50.` };
  const activeText = (record.active ?? '').trim().toLowerCase();
  if (!truthy.has(activeText) && !falsy.has(activeText)) {
    return { line, code, message: `active "${record.active}" must be yes or no.` };
  }
  const parsed = newSkuSchema.safeParse({
    code,
    ean: record.ean?.trim() || null,
    name: record.name ?? '',
    brand: record.brand ?? '',
    style: record.style ?? '',
    size: record.size ?? '',
    colour: record.colour ?? record.color ?? '',
    hsn: record.hsn ?? '',
    mrpPaise,
    active: !falsy.has(activeText),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path[0] === 'mrpPaise' ? 'mrp' : String(issue.path[0]);
    const message = isZodDefaultMessage(issue.message)
      ? plainMessage({ ...issue, path: [field] })
      : `${field}: ${issue.message}`;
    return { line, code, message };
  }
  return { line, ...parsed.data, ean: parsed.data.ean ?? null };
}

const upsertSql = `
  insert into skus (code, ean, name, brand, style, size, colour, hsn, mrp_paise, active)
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::text[], $9::bigint[], $10::boolean[])
  on conflict (code) do update set
    ean = excluded.ean, name = excluded.name, brand = excluded.brand, style = excluded.style,
    size = excluded.size, colour = excluded.colour, hsn = excluded.hsn, mrp_paise = excluded.mrp_paise,
    active = excluded.active, updated_at = now()
  returning (xmax = 0) as inserted`;

const columnsOf = (rows: Row[]) => [
  rows.map((r) => r.code),
  rows.map((r) => r.ean),
  rows.map((r) => r.name),
  rows.map((r) => r.brand),
  rows.map((r) => r.style),
  rows.map((r) => r.size),
  rows.map((r) => r.colour),
  rows.map((r) => r.hsn),
  rows.map((r) => r.mrpPaise),
  rows.map((r) => r.active),
];

export interface ImportOptions {
  actor: string;
  /** Check every line against the master as it stands, then write nothing: the console's preview. */
  dryRun?: boolean;
  onProgress?: (progress: { rows: number; inserted: number; updated: number; failed: number }) => void;
}

export async function importSkuCsv(
  database: Database,
  input: Readable | string,
  options: ImportOptions,
): Promise<ImportResult> {
  if (options.dryRun) {
    // The same checks as a real import (the database's too: EANs held by other SKUs), rolled back.
    try {
      await database.transaction(async (session) => {
        throw new DryRunDone(await importInto(session, input, options));
      });
    } catch (error) {
      if (error instanceof DryRunDone) return error.result;
      throw error;
    }
  }
  const result = await database.transaction((session) => importInto(session, input, options));
  await audit(database.db, {
    actor: options.actor,
    action: 'import',
    entity: 'sku',
    entityId: 'csv',
    after: { rows: result.rows, inserted: result.inserted, updated: result.updated, failed: result.failed },
  });
  return result;
}

/** Carries a preview's result out of the transaction it rolls back. */
class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

async function importInto(
  session: SqlSession,
  input: Readable | string,
  options: ImportOptions,
): Promise<ImportResult> {
  const result: ImportResult = { rows: 0, inserted: 0, updated: 0, failed: 0, errors: [] };
  const fail = (error: ImportError) => {
    result.failed += 1;
    if (result.errors.length < maxReportedErrors) result.errors.push(error);
  };
  const duplicate = fileDuplicates();
  let batch: Row[] = [];

  // One batch is written while the next is parsed: the database and the parser work side by side.
  // Batches still land in file order, one at a time, so a later line's update wins as it should.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await writing;
    writing = writeBatch(session, rows, result, fail).then(() => {
      options.onProgress?.({
        rows: result.rows,
        inserted: result.inserted,
        updated: result.updated,
        failed: result.failed,
      });
    });
  };

  const parser = skuCsvParser();
  const source = typeof input === 'string' ? [input] : input;
  const feed = (async () => {
    for await (const chunk of source) if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
    parser.end();
  })().catch((error) => parser.destroy(error));

  try {
    await readRows();
  } catch (error) {
    // The rest of the input is not wanted: close it (a spooled upload's file) rather than leave it paused.
    if (typeof input !== 'string') input.destroy();
    await writing.catch(() => {});
    // csv-parse reports broken quoting and the like with the line; say it in the import's words.
    // Thrown inside the transaction, it rolls back every batch already written.
    throw inImportWords(error);
  }
  await feed;
  await flush();
  await writing;
  return result;

  async function readRows() {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      result.rows += 1;
      const line = info.lines;
      const row = toRow(record, line);
      if ('message' in row) {
        fail(row);
        continue;
      }
      const twice = duplicate(row, line);
      if (twice) {
        fail(twice);
        continue;
      }
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
  }
}

/** Refuses a code or an EAN given a second time in one file, naming where it was first; remembers the row otherwise. */
function fileDuplicates(): (row: Row, line: number) => ImportError | null {
  const codeLines = new Map<string, number>();
  const eanOwners = new Map<string, string>();
  return (row, line) => {
    const seenOn = codeLines.get(row.code);
    if (seenOn !== undefined)
      return {
        line,
        code: row.code,
        message: `code ${row.code} already appears on line ${seenOn}; keep one line per SKU.`,
      };
    const eanOwner = row.ean ? eanOwners.get(row.ean) : undefined;
    if (eanOwner !== undefined)
      return { line, code: row.code, message: `EAN ${row.ean} is also given to SKU ${eanOwner} in this file.` };
    codeLines.set(row.code, line);
    if (row.ean) eanOwners.set(row.ean, row.code);
    return null;
  };
}

/** The SKU CSV parser: named columns (lower-cased), a header lacking a required column refused with the expected ones. */
function skuCsvParser() {
  return parse({
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim().toLowerCase());
      const missing = requiredColumns.filter((c) => !names.includes(c));
      if (missing.length) {
        throw invalid(`The CSV header lacks ${missing.join(', ')}; expected columns: ${skuCsvColumns.join(', ')}.`);
      }
      return names;
    },
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
}

/** csv-parse reports broken quoting and the like with the line; this says it in the import's words. */
function inImportWords(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof CsvError)) return error;
  const line = (error as CsvError & { lines?: number }).lines;
  return invalid(
    `The CSV cannot be read at line ${line ?? '?'} (${error.message.replace(/ at line \d+/, '')}); nothing was imported: ` +
      'correct that line (a quote inside a field needs the whole field in quotes, with the quote doubled) and send the file again.',
    'body',
    { line },
  );
}

async function writeBatch(session: SqlSession, rows: Row[], result: ImportResult, fail: (e: ImportError) => void) {
  // An EAN already held by another SKU in the database would abort the whole batch; name those lines instead.
  const eans = rows.flatMap((r) => (r.ean ? [r.ean] : []));
  const { rows: held } = await session.query<{ code: string; ean: string }>(
    'select code, ean from skus where ean = any($1::text[])',
    [eans],
  );
  const holder = new Map(held.map((h) => [h.ean, h.code]));
  const clean = rows.filter((r) => {
    const owner = r.ean ? holder.get(r.ean) : undefined;
    if (owner !== undefined && owner !== r.code) {
      fail({ line: r.line, code: r.code, message: `EAN ${r.ean} already belongs to SKU ${owner}.` });
      return false;
    }
    return true;
  });
  if (clean.length === 0) return;
  // Inside the import's transaction a failed statement would abort it all: a savepoint keeps the
  // batches before it when one statement meets a clash.
  const attempt = async <T>(work: () => Promise<T>): Promise<T> => {
    await session.query('savepoint sku_import');
    try {
      const value = await work();
      await session.query('release savepoint sku_import');
      return value;
    } catch (error) {
      await session.query('rollback to savepoint sku_import');
      throw error;
    }
  };
  try {
    const { rows: outcome } = await attempt(() => session.query<{ inserted: boolean }>(upsertSql, columnsOf(clean)));
    for (const o of outcome) o.inserted ? result.inserted++ : result.updated++;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Rare: EANs swapped between SKUs inside one batch. Row by row finds the line that clashes.
    for (const row of clean) {
      try {
        const {
          rows: [o],
        } = await attempt(() => session.query<{ inserted: boolean }>(upsertSql, columnsOf([row])));
        o.inserted ? result.inserted++ : result.updated++;
      } catch (rowError) {
        if (!isUniqueViolation(rowError)) throw rowError;
        fail({ line: row.line, code: row.code, message: `EAN ${row.ean} clashes with another SKU's EAN.` });
      }
    }
  }
}
