import { z } from 'zod';
import { amount, count, id, opt, page, text, time } from './fields.ts';

/** `GET /orders/pendency` (docs/ajio-contract.md §4) as parse/pendency.ts reads it. */
export const pendencyAnswer = z
  .object({
    orders: z
      .array(
        z
          .object({
            order_id: id,
            order_date: opt(time),
            status: opt(text),
            order_lines: z.array(
              z
                .object({
                  order_item_id: id,
                  sku: id,
                  ordered_quantity: count,
                  product_id: opt(id),
                  variant_id: opt(id),
                  seller_sku: opt(text),
                  mrp: opt(amount),
                  unit_price: opt(amount),
                  b2b_base_price: opt(amount),
                  b2b_tax: opt(amount),
                })
                .loose(),
            ),
          })
          .loose(),
      )
      .describe('a list of pendency orders'),
    page: opt(page),
  })
  .loose();
