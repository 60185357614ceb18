import type { Wire } from '../../../../src/http/responses/common.ts';
import type { sku } from '../../../../src/http/responses/catalog.ts';
import type { linkCsvResult, linkLineResult, listing } from '../../../../src/http/responses/listings.ts';

/** The answers of a channel's listings, as the server declares them (src/http/responses/listings.ts). */
export type Listing = Wire<typeof listing>;
export type LinkLineResult = Wire<typeof linkLineResult>;
export type LinkCsvResult = Wire<typeof linkCsvResult>;

/** A Weft SKU to link to, as GET /api/skus lists it. */
export type SkuOption = Pick<Wire<typeof sku>, 'code' | 'name' | 'ean' | 'size' | 'colour'>;

/** "manual:operator1" → "by operator1"; "auto:ean" → "automatically, by EAN". */
export function mappedByWords(mappedBy: string | null): string {
  if (!mappedBy) return '';
  const [how, who] = mappedBy.split(':');
  if (how === 'auto') return who === 'ean' ? 'automatically, by EAN' : 'automatically, by seller SKU';
  if (how === 'manual') return `by ${who}`;
  if (how === 'unlinked') return `unlinked by ${who}`;
  return mappedBy;
}
