import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { apiTokens, users } from '../../db/schema.ts';
import type { PublicUser } from './public-user.ts';

/**
 * Bearer tokens and console sessions, stored alike in api_tokens: only the token's hash is kept, and a
 * console session is a token that POST /api/auth/session issues under this one name (the table has no
 * kind column). The name is reserved (see isReservedTokenName), so no API token can pass for a session.
 */
export const sessionTokenName = 'console session';
export const isReservedTokenName = (name: string) => name.trim().toLowerCase() === sessionTokenName;

export type TokenKind = 'token' | 'session';
export type TokenStatus = 'active' | 'expired' | 'revoked';

/** A token or session as an admin sees it: never the secret nor its hash. */
export interface ListedToken {
  id: number;
  name: string;
  kind: TokenKind;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: TokenStatus;
}

/** Ended tokens and sessions stay listed this long: each sign-in adds a session, so the list would only grow. */
export const endedListedDays = 30;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a bearer token; only its hash is stored, so the plain token is shown once. */
export async function issueToken(
  db: Db,
  user: PublicUser,
  name: string,
  ttlSeconds?: number,
): Promise<{ token: string; expiresAt: Date | null }> {
  const token = `weft_${randomBytes(32).toString('base64url')}`;
  const expiresAt = ttlSeconds ? new Date(Date.now() + ttlSeconds * 1000) : null;
  await db.insert(apiTokens).values({ userId: user.id, name, tokenHash: hashToken(token), expiresAt });
  return { token, expiresAt };
}

/** A console session: a token under the reserved session name. */
export const issueSession = (db: Db, user: PublicUser, ttlSeconds: number) =>
  issueToken(db, user, sessionTokenName, ttlSeconds);

/** Checked on every request, with no cache, so a revoked token or a disabled user stops working at once. */
export async function userForToken(db: Db, token: string): Promise<PublicUser | null> {
  const [row] = await db
    .select({ id: users.id, username: users.username, role: users.role, active: users.active, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
        eq(users.active, true),
      ),
    );
  if (!row) return null;
  const { tokenId, ...user } = row;
  // Marked at most once a minute, so a busy client does not write on every request.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        or(isNull(apiTokens.lastUsedAt), sql`${apiTokens.lastUsedAt} < now() - interval '1 minute'`),
      ),
    );
  return user;
}

/** Signing out: the holder of the token revokes it. */
export async function revokeToken(db: Db, token: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
}

const listedColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
};
type TokenRow = Omit<ListedToken, 'kind' | 'status'>;

function listed(row: TokenRow, now: Date): ListedToken {
  const status: TokenStatus = row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active';
  return { ...row, kind: row.name === sessionTokenName ? 'session' : 'token', status };
}

/** A user's live tokens and sessions, and those ended in the last `endedListedDays` days, newest first. */
export async function tokensOfUser(db: Db, userId: number, now = new Date()): Promise<ListedToken[]> {
  const since = new Date(now.getTime() - endedListedDays * 86400_000);
  const rows = await db
    .select(listedColumns)
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, userId),
        or(isNull(apiTokens.revokedAt), gt(apiTokens.revokedAt, since)),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, since)),
      ),
    )
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map((r) => listed(r, now));
}

/**
 * Revokes one of a user's tokens by id; a token already revoked keeps its first revocation time.
 * Answers the token and whether this call revoked it, or null when the user has no token of that id.
 */
export async function revokeTokenOfUser(
  db: Db,
  userId: number,
  tokenId: number,
): Promise<{ token: ListedToken; revoked: boolean } | null> {
  const [revoked] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning(listedColumns);
  if (revoked) return { token: listed(revoked, new Date()), revoked: true };
  const [already] = await db
    .select(listedColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)));
  return already ? { token: listed(already, new Date()), revoked: false } : null;
}

/** Ends a user's live console sessions (a password reset does), leaving their API tokens working. Answers how many. */
export async function endSessionsOfUser(db: Db, userId: number): Promise<number> {
  const ended = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.userId, userId),
        eq(apiTokens.name, sessionTokenName),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
      ),
    )
    .returning({ id: apiTokens.id });
  return ended.length;
}

/**
 * Revokes every live token and session of a user (disabling does), so that enabling the user again
 * brings none of them back: they sign in afresh and an admin issues new tokens. Answers how many.
 */
export async function revokeAllOfUser(db: Db, userId: number): Promise<number> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length;
}
