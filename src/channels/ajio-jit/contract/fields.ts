import { z } from 'zod';

/**
 * Building blocks of the AJIO contract schemas: each accepts exactly what the matching parser check
 * in parse/fields.ts accepts, and is described in words for the drift event ("expected …").
 * Objects are loose: a field the contract does not know passes and is listed as an observation.
 */
export const id = z
  .union([z.string().trim().min(1), z.number().int().nonnegative()])
  .describe('an identifier (text or whole number)');
export const count = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\s*\d+\s*$/)])
  .describe('a whole number of units');
export const amount = z
  .union([z.number().nonnegative(), z.string().regex(/^\s*\d+(\.\d{1,2})?\s*$/)])
  .describe('an amount in rupees with at most 2 decimals');
export const text = z.union([z.string(), z.number()]).describe('text');
export const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).describe('true or false');
export const time = z.union([z.number(), z.string()]).describe('a time (epoch seconds)');
export const percent = z
  .union([z.number().min(0).max(100), z.string().regex(/^\s*\d+(\.\d+)?\s*$/)])
  .describe('a percentage');

/** Known to the contract, not needed by the parser: any value of the type, or nothing. */
export const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

/** The paging block of list answers (docs/ajio-contract.md §1). */
export const page = z
  .object({ number: opt(count), size: opt(count), totalElements: opt(count), totalPages: opt(count) })
  .loose()
  .describe('the page block {number, size, totalElements, totalPages}');
