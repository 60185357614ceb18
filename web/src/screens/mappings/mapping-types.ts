/** What the listings endpoints answer, as far as the mappings screen uses it. */
export interface Listing {
  channelSku: string;
  sellerSku: string | null;
  ean: string | null;
  title: string | null;
  brand: string | null;
  size: string | null;
  colour: string | null;
  live: boolean;
  active: boolean;
  /** The linked Weft SKU's code; null while unmapped. */
  sku: string | null;
  /** How it was linked: `auto:seller-sku`, `auto:ean`, `manual:<user>`, or `unlinked:<user>`. */
  mappedBy: string | null;
  mappedAt: string | null;
}

export interface SkuOption {
  code: string;
  name: string;
  ean: string | null;
  size: string;
  colour: string;
}

export interface LinkLineResult {
  line: number;
  channelSku: string;
  skuCode: string;
  status: 'linked' | 'unchanged' | 'error';
  message?: string;
}

export interface LinkCsvResult {
  rows: number;
  linked: number;
  unchanged: number;
  failed: number;
  results: LinkLineResult[];
}

/** "manual:operator1" → "by operator1"; "auto:ean" → "automatically, by EAN". */
export function mappedByWords(mappedBy: string | null): string {
  if (!mappedBy) return '';
  const [how, who] = mappedBy.split(':');
  if (how === 'auto') return who === 'ean' ? 'automatically, by EAN' : 'automatically, by seller SKU';
  if (how === 'manual') return `by ${who}`;
  if (how === 'unlinked') return `unlinked by ${who}`;
  return mappedBy;
}
