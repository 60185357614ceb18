import { ApiError, noConnectionMessage } from '../../api.ts';

/**
 * Sends a CSV file as the body (`text/csv`), as the bulk endpoints take it: the shared client speaks
 * JSON only. Errors come back in the API's one shape and are raised as the same ApiError.
 */
export async function postCsv<T>(path: string, file: Blob): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'text/csv' },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'offline', noConnectionMessage);
  }
  const json = (await response.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string; field?: string } }
    | undefined;
  if (response.ok) return json as T;
  if ([502, 503, 504].includes(response.status) && !json?.error?.message)
    throw new ApiError(0, 'offline', noConnectionMessage);
  throw new ApiError(
    response.status,
    json?.error?.code ?? 'failed',
    json?.error?.message ?? `Weft answered ${response.status}; try again.`,
    json?.error?.field,
  );
}

/** The per-line results as a CSV to open in a spreadsheet next to the file that was sent. */
export function resultsCsv(
  results: { line: number; channelSku: string; skuCode: string; status: string; message?: string }[],
): string {
  const cell = (value: string | number) =>
    /[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value);
  const rows = results.map((r) => [r.line, r.channelSku, r.skuCode, r.status, r.message ?? ''].map(cell).join(','));
  return `${['line,channel_sku,sku_code,result,reason', ...rows].join('\n')}\n`;
}
