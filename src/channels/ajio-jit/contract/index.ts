import { z } from 'zod';
import type { ContractCheck, ContractDrift } from '../../../core/sync/contract-guard.ts';
import { authAnswer } from './auth.ts';
import { productsAnswer, productsCountAnswer, productsStockAnswer } from './catalogue.ts';
import { ordersAnswer } from './orders.ts';
import { pendencyAnswer } from './pendency.ts';
import { returnsAnswer } from './returns.ts';
import {
  cancelAnswer,
  dispatchAnswer,
  inventoryAnswer,
  invoiceAnswer,
  invoiceUpdateAnswer,
  shipmentAnswer,
} from './writes.ts';

/**
 * The contract guard for AJIO: one zod schema per call, describing what Weft's parsers need (required,
 * typed) and what the contract knows but does not need (optional). `checkAnswer` lists the fields an
 * answer carries that the contract does not know, and every needed field that is missing or of
 * another type, with a redacted sample; drift inside one record of a list (a PO, a return) names the
 * record so only it is held.
 */
export const CALLS = {
  'POST /authToken': { schema: authAnswer },
  'GET /products': { schema: productsAnswer, items: 'products' },
  'GET /products (stock figures)': { schema: productsStockAnswer, items: 'products' },
  'GET /productsCount': { schema: productsCountAnswer },
  'GET /orders/pendency': { schema: pendencyAnswer, items: 'orders' },
  'GET /orders': { schema: ordersAnswer, items: 'orders' },
  'GET /returns': { schema: returnsAnswer, items: 'returns' },
  'POST /orders/cancel': { schema: cancelAnswer },
  'POST /orders/b2bInvoice': { schema: invoiceAnswer },
  'PUT /orders/b2bInvoice': { schema: invoiceUpdateAnswer },
  'POST /orders/shipment': { schema: shipmentAnswer },
  'POST /orders/dispatch': { schema: dispatchAnswer },
  'POST /updateInventory': { schema: inventoryAnswer },
} as const satisfies Record<string, { schema: z.ZodType; items?: string }>;

export type AjioCall = keyof typeof CALLS;

export interface AjioContractCheck extends ContractCheck {
  /** Indexes (in the call's list) of the records with drift: those are held. */
  heldItems: Set<number>;
  /** Drift outside any record: the answer as a whole cannot be read. */
  answerDrift: ContractDrift[];
  /** Drift per held record, to say why it is held. */
  itemDrift: Map<number, ContractDrift[]>;
}

type Path = (string | number)[];

const SECRET = /token|password|secret|apikey|authorization|signed_qr/i;
const MAX_TEXT = 40;
const MAX_SAMPLE = 600;

/** A copy safe to store and show: secrets replaced, long strings cut, deep or long structures trimmed. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 4) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const head = value.slice(0, 3).map((v) => redact(v, depth + 1));
    return value.length > 3 ? [...head, `… ${value.length - 3} more`] : head;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

const sampleOf = (value: unknown) => {
  const text = JSON.stringify(redact(value)) ?? 'null';
  return text.length > MAX_SAMPLE ? `${text.slice(0, MAX_SAMPLE)}…` : text;
};

const pathText = (path: Path) =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[*]` : acc ? `${acc}.${p}` : String(p)), '');

function at(body: unknown, path: Path): unknown {
  let node = body;
  for (const p of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[p];
  }
  return node;
}

function describeValue(key: string, value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  const kind = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  if (typeof value === 'object') return kind;
  const shown = SECRET.test(key) ? '[redacted]' : JSON.stringify(redact(value));
  return `${kind} ${shown}`;
}

/** Strips optional, nullable, default and pipe wrappers. */
function bare(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else break;
  }
  return s;
}

/** The schema at a path of the answer (numbers step into arrays), or undefined. */
function schemaAt(schema: z.ZodType, path: Path): z.ZodType | undefined {
  let s: z.ZodType | undefined = schema;
  for (const p of path) {
    if (!s) return undefined;
    const b = bare(s);
    if (typeof p === 'number') s = b instanceof z.ZodArray ? (b.element as z.ZodType) : undefined;
    else s = b instanceof z.ZodObject ? (b.shape as Record<string, z.ZodType>)[p] : undefined;
  }
  return s;
}

function expectedOf(schema: z.ZodType | undefined, issue: z.core.$ZodIssue): string {
  if (schema) {
    const own = schema.description ?? bare(schema).description;
    if (own) return own;
  }
  if (issue.code === 'invalid_type') return `a ${issue.expected}`;
  return issue.message;
}

/** Field paths present in the answer that the schema does not name (only under objects it describes). */
function unknownFields(schema: z.ZodType, value: unknown, path: Path, out: Set<string>): void {
  const s = bare(schema);
  if (s instanceof z.ZodArray) {
    if (Array.isArray(value)) for (const v of value) unknownFields(s.element as z.ZodType, v, [...path, 0], out);
    return;
  }
  if (s instanceof z.ZodUnion) {
    for (const option of s.options as z.ZodType[]) unknownFields(option, value, path, out);
    return;
  }
  if (!(s instanceof z.ZodObject) || value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const shape = s.shape as Record<string, z.ZodType>;
  for (const [key, v] of Object.entries(value)) {
    if (key in shape) unknownFields(shape[key], v, [...path, key], out);
    else out.add(pathText([...path, key]));
  }
}

/** Checks one answer of an AJIO call against the contract. */
export function checkAnswer(call: AjioCall, body: unknown): AjioContractCheck {
  const spec: { schema: z.ZodType; items?: string } = CALLS[call];
  const found = new Set<string>();
  unknownFields(spec.schema, body, [], found);
  const drift: ContractDrift[] = [];
  const answerDrift: ContractDrift[] = [];
  const itemDrift = new Map<number, ContractDrift[]>();
  const result = spec.schema.safeParse(body);
  const seen = new Set<string>();
  for (const issue of result.success ? [] : result.error.issues) {
    const path = issue.path as Path;
    const value = at(body, path);
    const field = pathText(path) || '(the answer)';
    const isItem = spec.items !== undefined && path[0] === spec.items && typeof path[1] === 'number';
    // The sample is the object the field belongs to (a PO, a line): enough to recognise it.
    const recordPath = path.slice(0, -1);
    const entry: ContractDrift = {
      field,
      expected: expectedOf(schemaAt(spec.schema, path), issue),
      got: describeValue(String(path[path.length - 1] ?? ''), value),
      sample: sampleOf(path.length ? at(body, recordPath) : body),
    };
    if (isItem) {
      const index = path[1] as number;
      const list = itemDrift.get(index) ?? [];
      if (!list.some((d) => d.field === field)) list.push(entry);
      itemDrift.set(index, list);
    } else answerDrift.push(entry);
    if (!seen.has(field)) {
      seen.add(field);
      drift.push(entry);
    }
  }
  return { unknownFields: [...found].sort(), drift, heldItems: new Set(itemDrift.keys()), answerDrift, itemDrift };
}

/** "po_number (expected an identifier …, got missing)" for every drift of a record. */
export function driftSentence(call: AjioCall, drift: ContractDrift[]): string {
  const fields = drift.map((d) => `${d.field}: expected ${d.expected}, got ${d.got}`).join('; ');
  return `AJIO's answer to ${call} does not match the contract (${fields})`;
}
