import type { ListingInput } from '../../../core/listing-sync.ts';
import { booleanField, countField, FieldError, idField, isObject, optionalText, paiseField } from './fields.ts';

/**
 * AJIO `/products` items (a style with its variants) → Weft listings, one per variant. The AJIO SKU
 * code is the channel SKU; `productId~variantId` is the channel product id (AJIO's mapping rule).
 * A malformed variant (or style) becomes a failure naming the field; the rest of the page still lands.
 */
export interface ParseFailure {
  key: string;
  message: string;
  payload: unknown;
}

export interface ParsedProducts {
  listings: ListingInput[];
  failures: ParseFailure[];
}

function parseVariant(
  product: Record<string, unknown>,
  productId: string,
  variant: Record<string, unknown>,
): ListingInput {
  const variantId = idField(variant, 'variantId');
  const channelSku = variant.sku === undefined || variant.sku === null ? variantId : idField(variant, 'sku');
  const published =
    product.publishedStatus === undefined || String(product.publishedStatus).toUpperCase() === 'PUBLISHED';
  return {
    channelSku,
    channelProductId: `${productId}~${variantId}`,
    sellerSku: optionalText(variant, 'sellerSku'),
    ean: optionalText(variant, 'ean'),
    title: optionalText(product, 'title') ?? '',
    brand: optionalText(product, 'brand') ?? '',
    hsn: optionalText(product, 'hsn') ?? '',
    size: optionalText(variant, 'size') ?? '',
    colour: optionalText(variant, 'color') ?? optionalText(variant, 'colour') ?? '',
    mrpPaise: paiseField(variant, 'mrp', true),
    listingPricePaise: paiseField(variant, 'listingPrice', false),
    // An unpublished style's variants are not for sale, whatever their own flag says.
    live: published && booleanField(variant, 'live', true),
    marketplaceInventory: countField(variant, 'inventory', false),
  };
}

export function parseProducts(items: unknown[]): ParsedProducts {
  const out: ParsedProducts = { listings: [], failures: [] };
  items.forEach((product, i) => {
    if (!isObject(product)) {
      out.failures.push({
        key: `product #${i + 1}`,
        message: 'AJIO sent a product that is not an object.',
        payload: product,
      });
      return;
    }
    let productId: string;
    try {
      productId = idField(product, 'productId');
      if (!Array.isArray(product.variants)) throw new FieldError('variants is not a list');
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      const key = typeof product.productId === 'string' ? product.productId : `product #${i + 1}`;
      out.failures.push({
        key,
        message: `AJIO product ${key}: ${error.message}; it was not stored — retry after AJIO corrects it.`,
        payload: product,
      });
      return;
    }
    (product.variants as unknown[]).forEach((variant, j) => {
      const fallbackKey = `${productId}/variant #${j + 1}`;
      try {
        if (!isObject(variant)) throw new FieldError('the variant is not an object');
        out.listings.push(parseVariant(product, productId, variant));
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        const v = isObject(variant) ? variant : {};
        const key =
          typeof v.sku === 'string' && v.sku
            ? v.sku
            : typeof v.variantId === 'string' && v.variantId
              ? v.variantId
              : fallbackKey;
        out.failures.push({
          key,
          message: `AJIO listing ${key} (product ${productId}): ${error.message}; it was not stored — retry after AJIO corrects it.`,
          payload: { ...product, variants: [variant] },
        });
      }
    });
  });
  return out;
}
