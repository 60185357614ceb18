import { z } from 'zod';

/**
 * Building blocks of the AJIO contract schemas, described in words for the drift event ("expected …").
 * They check the *type* of a field (a number, or text holding one), not its value: a negative quantity
 * or an amount with three decimals is a bad record the parser names and holds itself (parse/fields.ts),
 * while a missing field or text where a number belongs means AJIO's answer changed shape — drift.
 * Objects are loose: a field the contract does not know passes and is listed as an observation.
 */
export const id = z.union([z.string().trim().min(1), z.number()]).describe('an identifier (text or whole number)');
export const count = z.union([z.number(), z.string().regex(/^\s*-?\d+\s*$/)]).describe('a whole number of units');
export const amount = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)]).describe('an amount in rupees');
export const text = z.union([z.string(), z.number()]).describe('text');
export const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).describe('true or false');
export const time = z.union([z.number(), z.string()]).describe('a time (epoch seconds)');
export const percent = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)]).describe('a percentage');

/** Known to the contract, not needed by the parser: any value of the type, or nothing. */
export const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

/** The paging block of list answers (docs/ajio-contract.md §1). */
export const page = z
  .object({ number: opt(count), size: opt(count), totalElements: opt(count), totalPages: opt(count) })
  .loose()
  .describe('the page block {number, size, totalElements, totalPages}');
