// Deterministic catalogue generation: the same seed gives the same styles, ids, seller SKUs
// and EANs, so a test can build the matching SKU master in Weft without reading it back.
import type { Catalog, ProductInput } from './catalog.ts';
import { Prng } from './prng.ts';

interface Category {
  code: string;
  noun: string;
  hsn: string;
  sizes: readonly string[];
  mrp: readonly [number, number];
}

const CATEGORIES: readonly Category[] = [
  { code: 'TS', noun: 'Crew-Neck T-shirt', hsn: '6109', sizes: ['S', 'M', 'L', 'XL'], mrp: [499, 1499] },
  { code: 'SH', noun: 'Slim Fit Shirt', hsn: '6205', sizes: ['S', 'M', 'L', 'XL'], mrp: [999, 2999] },
  { code: 'JN', noun: 'Straight Jeans', hsn: '6203', sizes: ['30', '32', '34', '36'], mrp: [1299, 3499] },
  { code: 'KU', noun: 'Cotton Kurta', hsn: '6211', sizes: ['S', 'M', 'L', 'XL'], mrp: [799, 2499] },
  { code: 'DR', noun: 'A-Line Dress', hsn: '6204', sizes: ['XS', 'S', 'M', 'L'], mrp: [1199, 3999] },
  { code: 'JK', noun: 'Quilted Jacket', hsn: '6201', sizes: ['S', 'M', 'L', 'XL'], mrp: [3999, 8999] },
  { code: 'SN', noun: 'Leather Sneakers', hsn: '6403', sizes: ['7', '8', '9', '10'], mrp: [1999, 6999] },
];
const BRANDS = ['Dhaaga', 'Urban Loom', 'Kora Studio', 'Indigo Row', 'Saffron Street', 'Teal & Tan'];
const COLORS = ['Navy', 'Black', 'White', 'Olive', 'Maroon', 'Beige', 'Indigo', 'Mustard'];

export function eanCheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

export interface GenerateOptions {
  styles: number;
  seed: number;
  /** AJIO-side stock each variant starts with (default 0: AJIO knows nothing until a push). */
  initialInventory?: number;
  /** Share of styles that are published (default 0.9). */
  publishedRatio?: number;
}

export function generateCatalog(catalog: Catalog, opts: GenerateOptions): ProductInput[] {
  const prng = new Prng(opts.seed);
  const ratio = opts.publishedRatio ?? 0.9;
  const out: ProductInput[] = [];
  const productIds = new Set<string>();
  const eans = new Set<string>();
  const ordinalBase = catalog.products.length;
  for (let s = 0; s < opts.styles; s++) {
    const cat = prng.pick(CATEGORIES);
    const brand = prng.pick(BRANDS);
    const color = prng.pick(COLORS);
    let productId: string;
    do productId = String(prng.int(400_000_000, 499_999_999));
    while (productIds.has(productId) || catalog.hasProductId(productId));
    productIds.add(productId);
    const mrp = Math.round(prng.int(cat.mrp[0], cat.mrp[1]) / 100) * 100 - 1;
    const discount = prng.pick([0, 0, 10, 20, 30, 40]);
    const listingPrice = Math.round(mrp * (1 - discount / 100));
    const style = `${cat.code}${String(ordinalBase + s + 1).padStart(5, '0')}`;
    const published = prng.chance(ratio);
    out.push({
      productId,
      brand,
      title: `${brand} ${color} ${cat.noun}`,
      hsn: cat.hsn,
      published,
      variants: cat.sizes.map((size) => {
        let ean: string;
        do {
          const first12 = `890${String(prng.int(0, 999_999_999)).padStart(9, '0')}`;
          ean = first12 + eanCheckDigit(first12);
        } while (eans.has(ean) || catalog.hasEan(ean));
        eans.add(ean);
        return {
          sellerSku: `SS-${style}-${size}`,
          ean,
          size,
          color,
          mrp,
          listingPrice,
          live: published && !prng.chance(0.03),
          inventory: opts.initialInventory ?? 0,
        };
      }),
    });
  }
  return out;
}
