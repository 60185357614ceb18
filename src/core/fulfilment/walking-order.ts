/**
 * The order a picker walks the floor in: by bin location where the warehouse has one (lines without
 * come after), then style, colour and size in shelf order (XS … 3XL, numeric sizes by value), then SKU.
 */
export interface WalkingLine {
  skuCode: string;
  style?: string;
  colour?: string;
  size?: string;
  location?: string | null;
}

const LETTER_SIZES = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL', '4XL', '5XL'];
const ALIASES: Record<string, string> = {
  '2XS': 'XXS',
  '2XL': 'XXL',
  XXXL: '3XL',
  XXXXL: '4XL',
  SMALL: 'S',
  MEDIUM: 'M',
  LARGE: 'L',
};

/** Sort key of a size: letter sizes in shelf order first, then numeric sizes by value, then the rest. */
export function sizeRank(size: string | undefined): [number, number, string] {
  const s = (size ?? '').trim().toUpperCase();
  const letter = LETTER_SIZES.indexOf(ALIASES[s] ?? s);
  if (letter >= 0) return [0, letter, ''];
  if (/^\d+(\.\d+)?$/.test(s)) return [1, Number(s), ''];
  return [2, 0, s];
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareRank(a: [number, number, string], b: [number, number, string]): number {
  return a[0] - b[0] || a[1] - b[1] || natural.compare(a[2], b[2]);
}

/** The walking order. Lines without a location come after located ones, in style/colour/size order. */
export function sortForWalking<T extends WalkingLine>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => {
    const la = a.location?.trim() || null;
    const lb = b.location?.trim() || null;
    if (la !== lb) {
      if (la === null) return 1;
      if (lb === null) return -1;
      const byLocation = natural.compare(la, lb);
      if (byLocation !== 0) return byLocation;
    }
    return (
      natural.compare(a.style ?? '', b.style ?? '') ||
      natural.compare(a.colour ?? '', b.colour ?? '') ||
      compareRank(sizeRank(a.size), sizeRank(b.size)) ||
      natural.compare(a.skuCode, b.skuCode)
    );
  });
}
