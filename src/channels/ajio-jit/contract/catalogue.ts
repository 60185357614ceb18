import { z } from 'zod';
import { amount, count, flag, id, opt, page, text } from './fields.ts';

/**
 * `GET /products` (docs/ajio-contract.md §3) as the SKU pull reads it (parse/products.ts): a variant
 * needs its variantId and MRP; AJIO's stock figure is optional there. Reconciliation reads the same
 * call for the stock figure, so for it `inventory` is needed (§10).
 */
const variantFields = {
  variantId: id,
  sku: opt(id),
  sellerSku: opt(text),
  ean: opt(text),
  size: opt(text),
  color: opt(text),
  colour: opt(text),
  mrp: amount,
  listingPrice: opt(amount),
  live: opt(flag),
  inventory: opt(count),
  blockedInventory: opt(count),
  pendency: opt(count),
};

const productFields = {
  productId: id,
  brand: opt(text),
  title: opt(text),
  hsn: opt(text),
  publishedStatus: opt(text),
};

export const productsAnswer = z
  .object({
    products: z
      .array(z.object({ ...productFields, variants: z.array(z.object(variantFields).loose()) }).loose())
      .describe('a list of products'),
    page: opt(page),
  })
  .loose();

/** The same call read by reconciliation: the stock figure of every variant is what it compares. */
export const productsStockAnswer = z
  .object({
    products: z
      .array(
        z
          .object({
            ...productFields,
            productId: opt(id),
            variants: z.array(
              z.object({ ...variantFields, variantId: opt(id), mrp: opt(amount), inventory: count }).loose(),
            ),
          })
          .loose(),
      )
      .describe('a list of products'),
    page: opt(page),
  })
  .loose();

/** `GET /productsCount`. */
export const productsCountAnswer = z.object({ count }).loose();
