import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { maxUnits } from '../schema-types.ts';
import { invalid } from '../errors.ts';
import { type CsvRecord, CsvRecordReader } from './csv-records.ts';

/**
 * Reading a batch of absolute stock counts — a CSV file (`warehouse,sku,quantity[,reason]`) or a feed's
 * JSON lines — into lines checked on their own: each line carries every problem found with it, so a
 * person fixes a file in one pass. What needs the database (unknown codes, duplicates) is checked later.
 */
export const countCsvColumns = ['warehouse', 'sku', 'quantity', 'reason'] as const;
const requiredColumns = ['warehouse', 'sku', 'quantity'];
const maxReasonLength = 500;

export type CountField = 'line' | 'warehouse' | 'sku' | 'quantity' | 'reason';
export interface LineProblem {
  field: CountField;
  message: string;
}

export interface CountLine {
  line: number;
  /** Upper-cased, as warehouse codes are stored. */
  warehouse: string;
  sku: string;
  /** The count when it is a whole number from 0 to maxUnits; null otherwise (and a problem says why). */
  quantity: number | null;
  reason: string | null;
  problems: LineProblem[];
}

export interface ReadLines {
  lines: CountLine[];
  /** sha256 (hex) of the bytes read: a batch's identity when it is given no reference. */
  contentHash: string;
}

type Input = Readable | string;

function quantityOf(value: unknown, problems: LineProblem[]): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  const wrong = (shown: string) =>
    problems.push({
      field: 'quantity',
      message: `quantity ${shown} is not a whole number from 0 to ${maxUnits.toLocaleString('en-IN')}: give the units counted, such as 12.`,
    });
  if (text === null || text === '') {
    problems.push({
      field: 'quantity',
      message: 'quantity is missing: give the units counted, such as 12 (0 for none).',
    });
    return null;
  }
  if (!/^\d{1,7}$/.test(text) || Number(text) > maxUnits) {
    wrong(`"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`);
    return null;
  }
  return Number(text);
}

/** Checks one line's values; what they name (warehouse, SKU) is looked up afterwards. */
export function checkLine(line: number, values: Record<string, unknown>, problems: LineProblem[] = []): CountLine {
  const textOf = (field: 'warehouse' | 'sku' | 'reason') => {
    const value = values[field];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') {
      problems.push({ field, message: `${field} must be text.` });
      return '';
    }
    return value.trim();
  };
  const warehouse = textOf('warehouse').toUpperCase();
  const sku = textOf('sku');
  if (!warehouse)
    problems.push({ field: 'warehouse', message: 'warehouse is missing: give the warehouse code, such as MUM1.' });
  else if (warehouse.length > 200)
    problems.push({ field: 'warehouse', message: 'warehouse is longer than 200 characters.' });
  if (!sku) problems.push({ field: 'sku', message: 'sku is missing: give the SKU code.' });
  else if (sku.length > 200) problems.push({ field: 'sku', message: 'sku is longer than 200 characters.' });
  const quantity = quantityOf(values.quantity, problems);
  const reason = textOf('reason');
  if (reason.length > maxReasonLength)
    problems.push({ field: 'reason', message: `reason is longer than ${maxReasonLength} characters.` });
  return { line, warehouse, sku, quantity, reason: reason || null, problems };
}

/** A stream (or string) fed to `sink` chunk by chunk, hashed on the way. */
async function feed(input: Input, sink: (chunk: Buffer | string) => Promise<void> | void): Promise<string> {
  const hash = createHash('sha256');
  const source = typeof input === 'string' ? [input] : input;
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    hash.update(chunk);
    await sink(chunk);
  }
  return hash.digest('hex');
}

/** Reads a count CSV. A header is required; a file that cannot be read as CSV is refused whole, naming the line. */
export async function readCountCsv(input: Input, onLine?: (read: number) => void): Promise<ReadLines> {
  const reader = new CsvRecordReader();
  const decoder = new StringDecoder('utf8');
  const lines: CountLine[] = [];
  let header: string[] | null = null;
  const take = ({ line, fields }: CsvRecord) => {
    if (!header) {
      header = headerOf(fields);
      return;
    }
    const problems: LineProblem[] = [];
    if (fields.length > header.length) {
      problems.push({
        field: 'line',
        message: `the line has ${fields.length} values but the header ${header.length} columns (${header.join(',')}): too many columns — a value with a comma needs quotes.`,
      });
    }
    const values: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) values[header[i]] = fields[i] ?? '';
    lines.push(checkLine(line, values, problems));
    if (onLine && lines.length % 5000 === 0) onLine(lines.length);
  };
  let contentHash: string;
  try {
    contentHash = await feed(input, (chunk) =>
      reader.write(typeof chunk === 'string' ? chunk : decoder.write(chunk), take),
    );
    reader.write(decoder.end(), take);
    reader.end(take);
  } catch (error) {
    // The rest of the input is not wanted: close it (a spooled upload's file) rather than leave it paused.
    if (typeof input !== 'string') input.destroy();
    throw error;
  }
  if (!header) throw invalid(`The file is empty: the first line is the header ${countCsvColumns.join(',')}.`, 'body');
  onLine?.(lines.length);
  return { lines, contentHash };
}

function headerOf(record: string[]): string[] {
  const names = record.map((h) => h.trim().toLowerCase());
  const expected = `the first line is the header ${countCsvColumns.join(',')} (reason optional)`;
  const missing = requiredColumns.filter((c) => !names.includes(c));
  if (missing.length) {
    throw invalid(`The CSV header lacks ${missing.join(', ')}: ${expected}.`, 'body');
  }
  const unknown = names.filter((n) => !(countCsvColumns as readonly string[]).includes(n));
  if (unknown.length) throw invalid(`The CSV header has unknown columns ${unknown.join(', ')}: ${expected}.`, 'body');
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) throw invalid(`The CSV header names ${twice.join(', ')} twice: ${expected}.`, 'body');
  return names;
}

const jsonFields = new Set(['warehouse', 'sku', 'quantity', 'reason']);

/** Reads JSON lines: one object `{"warehouse","sku","quantity"[,"reason"]}` per line; blank lines are skipped. */
export async function readCountJsonLines(input: Input): Promise<ReadLines> {
  const lines: CountLine[] = [];
  let pending = '';
  let number = 0;
  // A character split between two chunks is decoded whole.
  const decoder = new StringDecoder('utf8');
  const take = (text: string) => {
    number += 1;
    const trimmed = text.trim();
    if (!trimmed) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      lines.push(
        emptyLine(
          number,
          'the line is not JSON: send one object per line, such as {"warehouse":"MUM1","sku":"TEE-M","quantity":12}.',
        ),
      );
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      lines.push(emptyLine(number, 'the line is not a JSON object with warehouse, sku and quantity.'));
      return;
    }
    const problems: LineProblem[] = Object.keys(value)
      .filter((k) => !jsonFields.has(k))
      .map((k) => ({
        field: 'line' as const,
        message: `unknown field "${k.slice(0, 40)}": give warehouse, sku, quantity and optionally reason.`,
      }));
    lines.push(checkLine(number, value as Record<string, unknown>, problems));
  };
  const contentHash = await feed(input, (chunk) => {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) take(part);
  });
  pending += decoder.end();
  if (pending) take(pending);
  return { lines, contentHash };
}

function emptyLine(line: number, message: string): CountLine {
  return { line, warehouse: '', sku: '', quantity: null, reason: null, problems: [{ field: 'line', message }] };
}
