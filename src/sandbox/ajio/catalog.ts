// AJIO's listings for one seller, plus AJIO's live view per variant (inventory, blocked,
// pendency) kept in typed columns indexed by the variant's position.
import { int32Column } from './growable.ts';
import { rupees } from './money.ts';

export interface Variant {
  index: number;
  product: Product;
  variantId: string; // AJIO SKU code, 12 digits; also `sku` on the wire
  sellerSku: string;
  ean: string;
  size: string;
  color: string;
  mrpPaise: number;
  listingPricePaise: number;
  b2bBasePaise: number; // what AJIO pays per piece, before GST
  live: boolean;
}

export interface Product {
  productId: string; // style, 9 digits
  brand: string;
  title: string;
  hsn: string;
  published: boolean;
  variants: Variant[];
}

export interface VariantInput {
  variantId?: string;
  sellerSku: string;
  ean: string;
  size: string;
  color: string;
  mrp: number; // rupees
  listingPrice: number;
  b2bBasePrice?: number;
  live?: boolean;
  inventory?: number;
}

export interface ProductInput {
  productId?: string;
  brand: string;
  title: string;
  hsn: string;
  published?: boolean;
  variants: VariantInput[];
}

/** AJIO's transfer price in the sandbox: 60% of the listing price, whole rupees. */
export const defaultB2bBasePaise = (listingPricePaise: number) => Math.round((listingPricePaise * 0.6) / 100) * 100;

export class Catalog {
  readonly products: Product[] = [];
  readonly variants: Variant[] = [];
  readonly inventory = int32Column();
  readonly blocked = int32Column(); // in POs not yet dispatched
  readonly pendency = int32Column(); // open pendency quantity
  private readonly byProductId = new Map<string, Product>();
  private readonly bySku = new Map<string, Variant>();
  private readonly bySellerSku = new Map<string, Variant>();
  private readonly byEan = new Map<string, Variant>();

  hasProductId(id: string): boolean {
    return this.byProductId.has(id);
  }

  hasEan(ean: string): boolean {
    return this.byEan.has(ean);
  }

  addProduct(input: ProductInput, nextProductId: () => string): Product {
    const productId = input.productId ?? nextProductId();
    if (this.byProductId.has(productId)) throw new Error(`productId ${productId} already exists`);
    const product: Product = {
      productId,
      brand: input.brand,
      title: input.title,
      hsn: input.hsn,
      published: input.published ?? true,
      variants: [],
    };
    input.variants.forEach((v, i) => {
      const variantId = v.variantId ?? `${productId}${String(i + 1).padStart(3, '0')}`;
      if (this.bySku.has(variantId)) throw new Error(`variant ${variantId} already exists`);
      if (this.bySellerSku.has(v.sellerSku)) throw new Error(`sellerSku ${v.sellerSku} already exists`);
      const listingPricePaise = Math.round(v.listingPrice * 100);
      const variant: Variant = {
        index: this.variants.length,
        product,
        variantId,
        sellerSku: v.sellerSku,
        ean: v.ean,
        size: v.size,
        color: v.color,
        mrpPaise: Math.round(v.mrp * 100),
        listingPricePaise,
        b2bBasePaise:
          v.b2bBasePrice !== undefined ? Math.round(v.b2bBasePrice * 100) : defaultB2bBasePaise(listingPricePaise),
        live: v.live ?? product.published,
      };
      this.variants.push(variant);
      this.inventory.push(Math.max(0, Math.trunc(v.inventory ?? 0)));
      this.blocked.push(0);
      this.pendency.push(0);
      product.variants.push(variant);
      this.bySku.set(variantId, variant);
      this.bySellerSku.set(v.sellerSku, variant);
      if (v.ean) this.byEan.set(v.ean, variant);
    });
    this.products.push(product);
    this.byProductId.set(productId, product);
    return product;
  }

  bySkuCode(sku: string): Variant | undefined {
    return this.bySku.get(sku);
  }

  /** Control-API lookups accept the AJIO SKU, the seller SKU or the EAN. */
  resolve(key: string): Variant | undefined {
    return this.bySku.get(key) ?? this.bySellerSku.get(key) ?? this.byEan.get(key);
  }

  variantJson(v: Variant) {
    return {
      variantId: v.variantId,
      sku: v.variantId,
      sellerSku: v.sellerSku,
      ean: v.ean,
      size: v.size,
      color: v.color,
      mrp: rupees(v.mrpPaise),
      listingPrice: rupees(v.listingPricePaise),
      live: v.live,
      inventory: this.inventory.get(v.index),
      blockedInventory: this.blocked.get(v.index),
      pendency: this.pendency.get(v.index),
    };
  }

  productJson(p: Product, variants: Variant[] = p.variants) {
    return {
      productId: p.productId,
      brand: p.brand,
      title: p.title,
      hsn: p.hsn,
      publishedStatus: p.published ? 'PUBLISHED' : 'UNPUBLISHED',
      variants: variants.map((v) => this.variantJson(v)),
    };
  }
}
