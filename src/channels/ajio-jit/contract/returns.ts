import { z } from 'zod';
import { id, opt, page, text, time } from './fields.ts';

/** `GET /returns` (docs/ajio-contract.md §11) as streams/returns.ts reads it. */
export const returnsAnswer = z
  .object({
    returns: z
      .array(
        z
          .object({
            return_id: id,
            sku: id,
            quantity: z.number().describe('a whole number of units'),
            po_number: opt(id),
            order_item_id: opt(id),
            reason: opt(text),
            awb: opt(text),
            created_at: opt(time),
            status: opt(text),
          })
          .loose(),
      )
      .describe('a list of returns'),
    page: opt(page),
  })
  .loose();
