import { z } from 'zod';
import { text } from '../schema-types.ts';

/**
 * The rules for one SKU of the seller's master, shared by the API and the CSV import so that a row is
 * judged the same way whichever door it comes through.
 */
export const skuCodePattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export const skuFields = {
  code: text({ max: 200 })
    .trim()
    .regex(skuCodePattern, 'A SKU code is 1 to 64 letters, digits, dots, dashes, slashes or underscores.'),
  ean: text({ max: 100 })
    .trim()
    .regex(/^\d{8,14}$/, 'An EAN/GTIN is 8 to 14 digits.')
    .nullable()
    .optional(),
  name: text({ max: 200 }).trim().min(1, 'Give the SKU a name.'),
  brand: text({ max: 100 }).trim().default(''),
  style: text({ max: 100 }).trim().default(''),
  size: text({ max: 30 }).trim().default(''),
  colour: text({ max: 60 }).trim().default(''),
  hsn: text({ max: 100 })
    .trim()
    .regex(/^(\d{4}|\d{6}|\d{8})?$/, 'An HSN code is 4, 6 or 8 digits.')
    .default(''),
  mrpPaise: z
    .number({ error: 'Give the MRP as a whole number of paise.' })
    .int('MRP is a whole number of paise.')
    .min(0, 'MRP cannot be negative.')
    .max(10_000_000_00, 'MRP is at most ₹1,00,00,000 (10,000,000,00 paise).'),
  active: z.boolean().default(true),
};

export const newSkuSchema = z.object(skuFields);
export const skuChangeSchema = z.object(skuFields).omit({ code: true }).partial();
export type NewSku = z.input<typeof newSkuSchema>;
export type SkuChange = z.input<typeof skuChangeSchema>;

/** "1299", "1,299.5" or "₹1299.50" in rupees to integer paise; null when it is not money. */
export function rupeesToPaise(text: string): number | null {
  const cleaned = text.replace(/[₹,\s]/g, '').replace(/^rs\.?/i, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
