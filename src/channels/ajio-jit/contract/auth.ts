import { z } from 'zod';
import { opt, text, time } from './fields.ts';

/** `POST /authToken` (docs/ajio-contract.md §2): the client needs the token; its life is optional. */
export const authAnswer = z
  .object({
    success: opt(z.boolean()),
    statusCode: opt(z.number()),
    result: z
      .object({
        accessToken: z.string().min(1).describe('the access token (text)'),
        refreshToken: opt(text),
        tokenType: opt(text),
        expiresIn: opt(time),
      })
      .loose()
      .describe('the result block {accessToken, expiresIn}'),
  })
  .loose();
