import { ApiError, messageOf } from '../../api.ts';
import type { PackLine, PackState } from './pack-types.ts';

/**
 * The words of the pack station's answers, kept apart from the screen so they read the same
 * everywhere: each names what was scanned, then what it did.
 */

/** Whether a failure means Weft was not reached at all (a lost connection), not that it refused. */
export const isOffline = (error: unknown) => error instanceof ApiError && error.code === 'offline';

export const offlineTitle = 'No connection — scan again when back online';

/** "EAN 8901234567890" or "SKU TEE-NAVY-M": what the scanned unit was, by the line it matched (else by its form). */
export function scanned(code: string, line?: PackLine): string {
  if (line?.ean && line.ean === code) return `EAN ${code}`;
  if (line && line.sku.toUpperCase() === code.toUpperCase()) return `SKU ${line.sku}`;
  return /^\d{8,14}$/.test(code) ? `EAN ${code}` : `SKU ${code}`;
}

/** The PO line a scanned code is a unit of, matched as the API matches it (SKU code or EAN). */
export const lineOf = (state: PackState | null, code: string) =>
  state?.lines.find((l) => l.ean === code || l.sku.toUpperCase() === code.toUpperCase());

export const wanted = (l: PackLine) => l.ordered - l.cancelled;

/**
 * A failure to make the documents, in plain words. When the marketplace or the IRP could not be
 * reached (Weft retries by itself), what failed in one sentence, without the transport's technical
 * text in brackets (that stays on the order page); a refusal a person must sort out (a tax
 * difference, a refused invoice) keeps its whole sentence, which says what to do.
 */
export function plainReason(pending: { code: string; message: string; retrying: boolean }): string {
  if (!pending.retrying) return `${pending.message} Retry from the shelf below once it is sorted out.`;
  let plain = pending.message;
  // Innermost brackets first, until none is left: "(AJIO POST …: 500 (injected fault))".
  for (let before = ''; before !== plain; ) {
    before = plain;
    plain = plain.replace(/\s*\([^()]*\)/g, '');
  }
  plain = plain.replace(/\s+([;:,.])/g, '$1').trim();
  const first = plain.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? plain;
  return `${first} Weft tries again by itself; this station tells you when the documents are ready.`;
}

/** The title of a refused scan: what was scanned, and "one too many" when that is what the API said. */
export function refusalTitle(what: string, error: unknown): string {
  if (error instanceof ApiError && /this one is extra/.test(error.message)) return `${what} — one too many`;
  if (error instanceof ApiError && error.code === 'invalid') return `${what} — not accepted`;
  return `${what} — refused`;
}

export { messageOf };
