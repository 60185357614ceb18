import { parseOrder } from './parse/orders.ts';
import { parsePendency } from './parse/pendency.ts';
import { parseProducts } from './parse/products.ts';
import { CALLS, checkAnswer, type AjioCall } from './contract/index.ts';

/**
 * `weft replay`: a captured wire journal (NDJSON) run through the same contract schemas and parsers
 * Weft uses on live answers, so a seller's first real exchanges with AJIO become test fixtures. Every
 * answer of a call the contract knows is checked; each failure names the journal line, the call and
 * the field. Error answers (non-2xx), documents and calls the contract does not describe are skipped,
 * and counted as such.
 */
export interface ReplayFailure {
  /** 1-based line of the journal file. */
  line: number;
  call: string;
  field: string;
  message: string;
}

export interface ReplayReport {
  /** Per call: answers checked and answers that passed. */
  calls: Map<string, { checked: number; passed: number }>;
  failures: ReplayFailure[];
  /** Lines not checked, with why (errors, documents, calls outside the contract). */
  skipped: { line: number; call: string; why: string }[];
  /** Fields answers carried that the contract does not know: harmless, listed once per call. */
  unknownFields: Map<string, Set<string>>;
}

export const replayClean = (report: ReplayReport) => report.failures.length === 0;

/** The contract call a journal entry's call stands for, if Weft reads its answer. */
function contractCall(call: string): AjioCall | null {
  return Object.hasOwn(CALLS, call) ? (call as AjioCall) : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const listOf = (body: unknown, key: string): unknown[] => (isObject(body) && Array.isArray(body[key]) ? body[key] : []);

/** What the parsers say about an answer the contract check passed (they may be stricter). */
function parserFailures(call: AjioCall, body: unknown): { field: string; message: string }[] {
  if (call === 'GET /orders') {
    return listOf(body, 'orders').flatMap((raw, i) => {
      const parsed = parseOrder(raw);
      return 'unreadable' in parsed ? [{ field: `orders[${i}]`, message: parsed.unreadable.reason }] : [];
    });
  }
  if (call === 'GET /orders/pendency')
    return parsePendency(listOf(body, 'orders')).failures.map((f) => ({ field: f.key, message: f.message }));
  if (call === 'GET /products')
    return parseProducts(listOf(body, 'products')).failures.map((f) => ({ field: f.key, message: f.message }));
  return [];
}

function entryOf(text: string): { call: string; status: number | null; answerBody: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`it is not JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new Error('it is not a JSON object');
  if (typeof value.call !== 'string' || !value.call) throw new Error('it has no "call"');
  if (!('answerBody' in value)) throw new Error('it has no "answerBody"');
  if (value.status !== null && typeof value.status !== 'number') throw new Error('its "status" is not a number');
  return { call: value.call, status: value.status as number | null, answerBody: value.answerBody };
}

export function replayJournal(text: string): ReplayReport {
  const report: ReplayReport = { calls: new Map(), failures: [], skipped: [], unknownFields: new Map() };
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (!raw.trim()) continue;
    let entry: ReturnType<typeof entryOf>;
    try {
      entry = entryOf(raw);
    } catch (error) {
      report.failures.push({
        line,
        call: '(none)',
        field: '(the line)',
        message: `line ${line} is not a wire journal entry: ${(error as Error).message}. Each line must be one JSON object as GET /api/channels/:code/wire-journal.ndjson writes it.`,
      });
      continue;
    }
    const call = contractCall(entry.call);
    if (!call) {
      report.skipped.push({ line, call: entry.call, why: 'not a call whose answer Weft parses' });
      continue;
    }
    if (entry.status === null || entry.status < 200 || entry.status >= 300) {
      report.skipped.push({ line, call, why: `an error answer (${entry.status ?? 'no answer'})` });
      continue;
    }
    const tally = report.calls.get(call) ?? { checked: 0, passed: 0 };
    report.calls.set(call, tally);
    tally.checked++;
    const check = checkAnswer(call, entry.answerBody);
    if (check.unknownFields.length) {
      const known = report.unknownFields.get(call) ?? new Set<string>();
      for (const f of check.unknownFields) known.add(f);
      report.unknownFields.set(call, known);
    }
    const found = [
      ...check.drift.map((d) => ({ field: d.field, message: `expected ${d.expected}, got ${d.got}` })),
      // The parsers run only on answers the contract accepts: drift already says why the rest fail.
      ...(check.drift.length ? [] : parserFailures(call, entry.answerBody)),
    ];
    for (const f of found) report.failures.push({ line, call, ...f });
    if (found.length === 0) tally.passed++;
  }
  return report;
}

/** The report as the CLI prints it. */
export function replaySummary(report: ReplayReport, file: string): string {
  const checked = [...report.calls.values()].reduce((n, c) => n + c.checked, 0);
  const passed = [...report.calls.values()].reduce((n, c) => n + c.passed, 0);
  const out = [
    `${file}: ${checked} answer(s) checked, ${passed} passed, ${report.failures.length} failure(s), ${report.skipped.length} line(s) skipped.`,
  ];
  const width = Math.max(4, ...[...report.calls.keys()].map((c) => c.length));
  for (const [call, t] of [...report.calls.entries()].sort()) {
    out.push(`  ${call.padEnd(width)}  checked ${t.checked}  passed ${t.passed}`);
  }
  for (const f of report.failures) out.push(`FAIL line ${f.line} ${f.call}: ${f.field}: ${f.message}`);
  for (const [call, fields] of report.unknownFields)
    out.push(`note ${call}: fields the contract does not know: ${[...fields].sort().join(', ')}`);
  out.push(
    replayClean(report)
      ? 'Clean: every answer passes the contract and the parsers.'
      : 'Drift: Weft would hold or refuse the answers above; fix the contract (src/channels/ajio-jit/contract/) or ask AJIO.',
  );
  return out.join('\n');
}
