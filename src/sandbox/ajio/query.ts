// Query-string parsing shared by the list endpoints: paging (pageSize at most 50) and
// time filters (epoch seconds or ISO-8601).
import { badRequest } from './errors.ts';

export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 20;

export type Query = Record<string, string | string[] | undefined>;

const one = (q: Query, key: string): string | undefined => {
  const v = q[key];
  return Array.isArray(v) ? v[v.length - 1] : v;
};

export { one as queryValue };

export interface Paging {
  number: number;
  size: number;
}

export function paging(q: Query): Paging {
  const parse = (key: string, fallback: number) => {
    const raw = one(q, key);
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) throw badRequest(`${key} must be a positive integer`);
    return Number(raw);
  };
  const number = parse('pageNumber', 1);
  const size = parse('pageSize', DEFAULT_PAGE_SIZE);
  if (number < 1) throw badRequest('pageNumber starts at 1');
  if (size < 1) throw badRequest('pageSize must be at least 1');
  if (size > MAX_PAGE_SIZE) throw badRequest(`pageSize must be at most ${MAX_PAGE_SIZE}`);
  return { number, size };
}

export function pageBlock(p: Paging, totalElements: number) {
  return { number: p.number, size: p.size, totalElements, totalPages: Math.ceil(totalElements / p.size) };
}

/** Epoch seconds from `123456789` or an ISO-8601 string; undefined when absent. */
export function timeParam(q: Query, key: string): number | undefined {
  const raw = one(q, key);
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw badRequest(`${key} must be epoch seconds or an ISO-8601 date-time`);
  return Math.floor(ms / 1000);
}
