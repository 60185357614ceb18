// Small body validators. Contract bodies are checked by hand rather than with a schema
// library: the messages stay in AJIO's terse style and the hot paths stay cheap.
import { badRequest } from './errors.ts';

export type Json = Record<string, unknown>;

export function asObject(body: unknown, what = 'body'): Json {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest(`${what} must be a JSON object`);
  return body as Json;
}

export function str(obj: Json, key: string, required = true): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw badRequest(`${key} is required`);
    return undefined;
  }
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw badRequest(`${key} must be a string`);
  return v;
}

export function int(
  obj: Json,
  key: string,
  opts: { min?: number; max?: number; required?: boolean; fallback?: number } = {},
): number {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (opts.fallback !== undefined) return opts.fallback;
    throw badRequest(`${key} is required`);
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) throw badRequest(`${key} must be an integer`);
  if (opts.min !== undefined && v < opts.min) throw badRequest(`${key} must be at least ${opts.min}`);
  if (opts.max !== undefined && v > opts.max) throw badRequest(`${key} must be at most ${opts.max}`);
  return v;
}

export function arr(obj: Json, key: string, required = true): unknown[] | undefined {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (required) throw badRequest(`${key} is required`);
    return undefined;
  }
  if (!Array.isArray(v)) throw badRequest(`${key} must be an array`);
  return v;
}

/** SUCCESS / FAILED / PARTIAL_SUCCESS from counts. */
export function batchStatus(total: number, failed: number): 'SUCCESS' | 'FAILED' | 'PARTIAL_SUCCESS' {
  if (failed === 0) return 'SUCCESS';
  return failed >= total ? 'FAILED' : 'PARTIAL_SUCCESS';
}
