import type { AjioClient } from '../client.ts';
import { maxPageSize } from '../codes.ts';
import { AjioError } from '../errors.ts';

export interface AjioPage {
  items: unknown[];
  totalPages: number;
  totalElements: number;
  /** AJIO's whole answer, for the contract guard. */
  body: unknown;
}

/**
 * One page of an AJIO list, from any page number (a pull resumes from its checkpoint). A 200 whose
 * list is missing is AJIO's malformed answer: fatal for this run, which then resumes from the
 * last checkpoint next time.
 */
export async function fetchPage(
  client: AjioClient,
  path: string,
  query: Record<string, string | number | undefined>,
  page: number,
  listKey: string,
): Promise<AjioPage> {
  const body = await client.get<Record<string, unknown> & { page?: { totalPages?: unknown; totalElements?: unknown } }>(
    path,
    { ...query, pageNumber: page, pageSize: maxPageSize },
  );
  const items = body?.[listKey];
  if (!Array.isArray(items)) {
    throw new AjioError('fatal', `AJIO GET ${path} page ${page}: the answer has no "${listKey}" list.`, { path, body });
  }
  const totalPages = Number(body.page?.totalPages);
  const totalElements = Number(body.page?.totalElements);
  return {
    items,
    totalPages: Number.isFinite(totalPages) ? totalPages : page,
    totalElements: Number.isFinite(totalElements) ? totalElements : items.length,
    body,
  };
}

/** Cursor times must rise strictly; two checkpoints within a millisecond still move forward. */
export function risingClock(): () => string {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last).toISOString();
  };
}
