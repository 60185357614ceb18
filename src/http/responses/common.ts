/**
 * What every answer of the API shares: the error shape, timestamps, and the type of an answer as the
 * wire carries it. Files in this folder import only zod and one another, so the console (web/) can
 * import their types without pulling in the server.
 */
import { z } from 'zod';

/** The one error shape of the API (errors.ts builds it): a code, a message a person can act on. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ description: 'What went wrong, and what to do about it' });

/**
 * A point in time. Handlers hand over Dates; JSON.stringify writes them as ISO-8601 strings, and the
 * OpenAPI document says `string, date-time` (fastify-type-provider-zod renders dates so in answers).
 */
export const timestamp = z.date();

/** A route's answers: the ones given, plus the error shape for every 4xx and 5xx. */
export const answers = <T extends Record<number, z.ZodType>>(ok: T) => ({ ...ok, '4xx': errorBody, '5xx': errorBody });

/** An answer with no body (204). */
export const noContent = z.undefined().meta({ description: 'No content' });

/** A value as JSON carries it: Dates become ISO strings, everything else stays. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** The type the console reads for an answer schema. */
export type Wire<S extends z.ZodType> = Json<z.output<S>>;

/** `202 Accepted` for a run requested now: its id, its status and where to follow it. */
export const runRequested = z.object({ runId: z.number().int(), status: z.string(), url: z.string() });
