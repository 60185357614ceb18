import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { key, maxPasswordLength, password, text } from '../schema-types.ts';
import type { Db } from '../../db/connect.ts';
import { users, type Role } from '../../db/schema.ts';
import { AppError, conflict, isUniqueViolation, notFound } from '../errors.ts';
import { audit } from '../audit.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { PublicUser } from './public-user.ts';
import {
  endSessionsOfUser,
  isReservedTokenName,
  issueToken,
  revokeAllOfUser,
  revokeTokenOfUser,
  sessionTokenName,
  tokensOfUser,
  type ListedToken,
} from './tokens.ts';

// Token plumbing lives in tokens.ts; the API, CLI and tests reach it through here.
export {
  isReservedTokenName,
  issueSession,
  issueToken,
  revokeToken,
  userForToken,
  type ListedToken,
} from './tokens.ts';

export const roles = ['admin', 'operator', 'viewer'] as const;

/** What each role may do; a higher role may do everything a lower one may. */
const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
export const roleAllows = (role: Role, needed: Role) => rank[role] >= rank[needed];

export const newUserSchema = z.object({
  username: z
    .string()
    .regex(
      /^[a-z0-9._-]{3,64}$/i,
      'Give a username of 3 to 64 letters, digits, dots, dashes or underscores (no spaces).',
    ),
  password: password(10, 'Use a password of at least 10 characters.'),
  role: z.enum(roles, { error: 'Choose a role: admin, operator or viewer.' }),
});
export type NewUser = z.infer<typeof newUserSchema>;

export type { PublicUser } from './public-user.ts';

/** A user as the user list shows them: when added, and when last seen through any token or session. */
export interface ListedUser extends PublicUser {
  createdAt: Date;
  lastSeenAt: Date | null;
}

const publicColumns = { id: users.id, username: users.username, role: users.role, active: users.active };

/** A token's life is at most a year and a day, as POST /api/auth/token allows. */
export const maxTokenSeconds = 366 * 86400;
export const tokenRequestSchema = z.object({
  name: text({ max: 100, maxMessage: 'Keep the name under 100 characters.' })
    .trim()
    .min(1, 'Name the token after what will use it, such as "ERP sync".')
    .refine(
      (name) => !isReservedTokenName(name),
      `"${sessionTokenName}" names console sessions: give the token another name.`,
    ),
  ttlSeconds: z
    .number()
    .int()
    .min(60, 'A token lives at least a minute.')
    .max(maxTokenSeconds, 'A token lives at most 366 days.')
    .optional(),
});

export async function createUser(db: Db, input: NewUser, actor: string): Promise<PublicUser> {
  const data = newUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ username: data.username, passwordHash, role: data.role })
        .returning(publicColumns);
      await audit(tx, { actor, action: 'create', entity: 'user', entityId: data.username, after: { role: data.role } });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A user named ${data.username} already exists.`, 'username');
    throw error;
  }
}

/** Every user; a seller has tens of them, so the list is not paged. */
export async function listUsers(db: Db): Promise<ListedUser[]> {
  const lastSeen = sql<
    Date | string | null
  >`(select max(t.last_used_at) from api_tokens t where t.user_id = "users"."id")`;
  const rows = await db
    .select({ ...publicColumns, createdAt: users.createdAt, lastSeenAt: lastSeen })
    .from(users)
    .orderBy(users.username);
  return rows.map((r) => ({ ...r, lastSeenAt: r.lastSeenAt === null ? null : new Date(r.lastSeenAt) }));
}

async function findUser(db: Db, username: string): Promise<PublicUser> {
  const [user] = await db.select(publicColumns).from(users).where(eq(users.username, username));
  if (!user) throw notFound(`There is no user named ${username}.`);
  return user;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row.n;
}

export const userChangeSchema = z.object({
  role: z.enum(roles).optional(),
  /** A new password: the admin's reset of a forgotten one. */
  password: newUserSchema.shape.password.optional(),
  active: z.boolean().optional(),
});
export type UserChange = z.infer<typeof userChangeSchema>;

/** What a sign-in sends: the password is capped here too, so a long one is refused before it is hashed. */
export const signInSchema = z.object({
  username: key('username', 100),
  password: password(),
});

/**
 * A changed user; after a password reset, also how many of their console sessions it ended; after a
 * disable, how many of their tokens and sessions it revoked.
 */
export interface UpdatedUser extends PublicUser {
  sessionsEnded?: number;
  tokensRevoked?: number;
}

/**
 * A password reset also ends the user's console sessions (whoever knew the old password may be signed
 * in with it), but not their API tokens, which integrations hold and which the password never gave.
 */
export async function updateUser(db: Db, username: string, input: UserChange, actor: string): Promise<UpdatedUser> {
  const change = userChangeSchema.parse(input);
  const values: Partial<typeof users.$inferInsert> = { updatedAt: new Date() };
  if (change.role) values.role = change.role;
  if (change.active !== undefined) values.active = change.active;
  if (change.password) values.passwordHash = await hashPassword(change.password);
  return db.transaction(async (tx) => {
    // Locks the admins so two admins demoting each other at once cannot both succeed.
    const admins = await tx
      .select({ username: users.username })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true)))
      .for('update');
    const wasActiveAdmin = admins.some((a) => a.username === username);
    const staysAdmin = (change.role ?? 'admin') === 'admin' && change.active !== false;
    if (wasActiveAdmin && !staysAdmin && admins.length === 1) {
      const field = change.active === false ? 'active' : 'role';
      throw conflict(
        `${username} is the only active admin: make another user an admin first, so someone can still manage users.`,
        field,
      );
    }
    const [user] = await tx.update(users).set(values).where(eq(users.username, username)).returning(publicColumns);
    if (!user) throw notFound(`There is no user named ${username}.`);
    const sessionsEnded = change.password ? await endSessionsOfUser(tx, user.id) : undefined;
    // Disabling revokes everything the user holds, so enabling them later does not bring old tokens back.
    const tokensRevoked = change.active === false ? await revokeAllOfUser(tx, user.id) : undefined;
    await audit(tx, {
      actor,
      action: 'update',
      entity: 'user',
      entityId: username,
      after: {
        role: change.role,
        active: change.active,
        passwordChanged: Boolean(change.password),
        sessionsEnded,
        tokensRevoked,
      },
    });
    return {
      ...user,
      ...(sessionsEnded === undefined ? {} : { sessionsEnded }),
      ...(tokensRevoked === undefined ? {} : { tokensRevoked }),
    };
  });
}

/** The same answer for an unknown user and a wrong password, so names cannot be probed. */
export async function authenticate(db: Db, username: string, password: string): Promise<PublicUser> {
  // No stored password is this long (newUserSchema), so it is wrong without spending scrypt on it.
  if (password.length > maxPasswordLength) throw new AppError('unauthorized', 'The username or password is wrong.');
  const [row] = await db.select().from(users).where(eq(users.username, username));
  const ok = row ? await verifyPassword(password, row.passwordHash) : await verifyPassword(password, dummyHash);
  if (!row || !ok || !row.active) throw new AppError('unauthorized', 'The username or password is wrong.');
  return { id: row.id, username: row.username, role: row.role, active: row.active };
}
const dummyHash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** An admin issues a token for a user (an integration account); disabled users get none. */
export async function issueTokenFor(
  db: Db,
  username: string,
  input: z.input<typeof tokenRequestSchema>,
  actor: string,
): Promise<{ token: string; name: string; expiresAt: Date | null; username: string }> {
  const { name, ttlSeconds } = tokenRequestSchema.parse(input);
  const user = await findUser(db, username);
  if (!user.active) throw conflict(`${username} is disabled: enable the user before issuing a token.`);
  return db.transaction(async (tx) => {
    const { token, expiresAt } = await issueToken(tx, user, name, ttlSeconds);
    await audit(tx, { actor, action: 'issue_token', entity: 'user', entityId: username, after: { name, expiresAt } });
    return { token, name, expiresAt, username };
  });
}

/** A user's API tokens and console sessions, newest first, for an admin to review (see tokensOfUser for which). */
export async function listTokensFor(db: Db, username: string): Promise<ListedToken[]> {
  const user = await findUser(db, username);
  return tokensOfUser(db, user.id);
}

/**
 * An admin revokes one of a user's tokens or sessions; it stops working on its next request. Revoking
 * one already revoked changes nothing and is not logged again.
 */
export async function revokeTokenFor(db: Db, username: string, tokenId: number, actor: string): Promise<ListedToken> {
  const user = await findUser(db, username);
  return db.transaction(async (tx) => {
    const outcome = await revokeTokenOfUser(tx, user.id, tokenId);
    if (!outcome) throw notFound(`${username} has no token or session ${tokenId}: reload the list of their tokens.`);
    const { token, revoked } = outcome;
    if (revoked) {
      await audit(tx, {
        actor,
        action: 'revoke_token',
        entity: 'user',
        entityId: username,
        after: { tokenId, name: token.name, kind: token.kind },
      });
    }
    return token;
  });
}

/** First start: WEFT_ADMIN_USER/WEFT_ADMIN_PASSWORD become the first admin if there is no user yet. */
export async function ensureFirstAdmin(
  db: Db,
  admin: { username: string; password: string } | undefined,
): Promise<'created' | 'exists' | 'none'> {
  if ((await countUsers(db)) > 0) return 'exists';
  if (!admin) return 'none';
  try {
    await createUser(db, { ...admin, role: 'admin' }, 'system');
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'conflict')) throw error;
  }
  return 'created';
}
