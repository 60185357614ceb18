/** Answers of /api/auth and /api/users. */
import { z } from 'zod';
import { timestamp } from './common.ts';

export const roles = ['admin', 'operator', 'viewer'] as const;

export const publicUser = z.object({
  id: z.number().int(),
  username: z.string(),
  role: z.enum(roles),
  active: z.boolean(),
});

export const listedUser = publicUser.extend({ createdAt: timestamp, lastSeenAt: timestamp.nullable() });

/** PATCH /api/users/:username: after a password reset, how many sessions ended; after a disable, how many tokens were revoked. */
export const updatedUser = publicUser.extend({
  sessionsEnded: z.number().int().optional(),
  tokensRevoked: z.number().int().optional(),
});

export const issuedToken = z.object({
  token: z.string(),
  name: z.string(),
  expiresAt: timestamp.nullable(),
  username: z.string(),
});

export const signedInToken = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: timestamp.nullable(),
  user: publicUser,
});

export const session = z.object({ user: publicUser });

/** One of a user's API tokens or console sessions (never the token itself). */
export const listedToken = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['token', 'session']),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});

export const userList = z.object({ items: z.array(listedUser) });
export const tokenList = z.object({ items: z.array(listedToken) });
