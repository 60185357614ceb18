import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { apiTokens, users, type Role } from '../../db/schema.ts';
import { AppError, conflict, isUniqueViolation, notFound } from '../errors.ts';
import { audit } from '../audit.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const roles = ['admin', 'operator', 'viewer'] as const;

/** What each role may do; a higher role may do everything a lower one may. */
const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
export const roleAllows = (role: Role, needed: Role) => rank[role] >= rank[needed];

export const newUserSchema = z.object({
  username: z.string().regex(/^[a-z0-9._-]{3,64}$/i, 'Give a username of 3 to 64 letters, digits, dots, dashes or underscores (no spaces).'),
  password: z.string().min(10, 'Use a password of at least 10 characters.'),
  role: z.enum(roles, { error: 'Choose a role: admin, operator or viewer.' }),
});
export type NewUser = z.infer<typeof newUserSchema>;

export interface PublicUser {
  id: number;
  username: string;
  role: Role;
  active: boolean;
}

/** A user as the user list shows them: when added, and when last seen through any token or session. */
export interface ListedUser extends PublicUser {
  createdAt: Date;
  lastSeenAt: Date | null;
}

const publicColumns = { id: users.id, username: users.username, role: users.role, active: users.active };

/** A token's life is at most a year and a day, as POST /api/auth/token allows. */
export const maxTokenSeconds = 366 * 86400;
export const tokenRequestSchema = z.object({
  name: z.string().trim().min(1, 'Name the token after what will use it, such as "ERP sync".').max(100, 'Keep the name under 100 characters.'),
  ttlSeconds: z.number().int().min(60, 'A token lives at least a minute.').max(maxTokenSeconds, 'A token lives at most 366 days.').optional(),
});

export async function createUser(db: Db, input: NewUser, actor: string): Promise<PublicUser> {
  const data = newUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ username: data.username, passwordHash, role: data.role })
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
  const lastSeen = sql<Date | string | null>`(select max(t.last_used_at) from api_tokens t where t.user_id = "users"."id")`;
  const rows = await db.select({ ...publicColumns, createdAt: users.createdAt, lastSeenAt: lastSeen }).from(users).orderBy(users.username);
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

export async function updateUser(db: Db, username: string, input: UserChange, actor: string): Promise<PublicUser> {
  const change = userChangeSchema.parse(input);
  const values: Partial<typeof users.$inferInsert> = { updatedAt: new Date() };
  if (change.role) values.role = change.role;
  if (change.active !== undefined) values.active = change.active;
  if (change.password) values.passwordHash = await hashPassword(change.password);
  return db.transaction(async (tx) => {
    // Locks the admins so two admins demoting each other at once cannot both succeed.
    const admins = await tx.select({ username: users.username }).from(users)
      .where(and(eq(users.role, 'admin'), eq(users.active, true))).for('update');
    const wasActiveAdmin = admins.some((a) => a.username === username);
    const staysAdmin = (change.role ?? 'admin') === 'admin' && change.active !== false;
    if (wasActiveAdmin && !staysAdmin && admins.length === 1) {
      const field = change.active === false ? 'active' : 'role';
      throw conflict(`${username} is the only active admin: make another user an admin first, so someone can still manage users.`, field);
    }
    const [user] = await tx.update(users).set(values).where(eq(users.username, username)).returning(publicColumns);
    if (!user) throw notFound(`There is no user named ${username}.`);
    await audit(tx, {
      actor, action: 'update', entity: 'user', entityId: username,
      after: { role: change.role, active: change.active, passwordChanged: Boolean(change.password) },
    });
    return user;
  });
}

/** The same answer for an unknown user and a wrong password, so names cannot be probed. */
export async function authenticate(db: Db, username: string, password: string): Promise<PublicUser> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  const ok = row ? await verifyPassword(password, row.passwordHash) : await verifyPassword(password, dummyHash);
  if (!row || !ok || !row.active) throw new AppError('unauthorized', 'The username or password is wrong.');
  return { id: row.id, username: row.username, role: row.role, active: row.active };
}
const dummyHash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a bearer token; only its hash is stored, so the plain token is shown once. */
export async function issueToken(
  db: Db, user: PublicUser, name: string, ttlSeconds?: number,
): Promise<{ token: string; expiresAt: Date | null }> {
  const token = `weft_${randomBytes(32).toString('base64url')}`;
  const expiresAt = ttlSeconds ? new Date(Date.now() + ttlSeconds * 1000) : null;
  await db.insert(apiTokens).values({ userId: user.id, name, tokenHash: hashToken(token), expiresAt });
  return { token, expiresAt };
}

export async function userForToken(db: Db, token: string): Promise<PublicUser | null> {
  const [row] = await db
    .select({ ...publicColumns, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(
      eq(apiTokens.tokenHash, hashToken(token)),
      isNull(apiTokens.revokedAt),
      or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
      eq(users.active, true),
    ));
  if (!row) return null;
  const { tokenId, ...user } = row;
  // Marked at most once a minute, so a busy client does not write on every request.
  await db.update(apiTokens).set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), sql`${apiTokens.lastUsedAt} < now() - interval '1 minute'`)));
  return user;
}

/** An admin issues a token for a user (an integration account); disabled users get none. */
export async function issueTokenFor(
  db: Db, username: string, input: z.input<typeof tokenRequestSchema>, actor: string,
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

export async function revokeToken(db: Db, token: string): Promise<void> {
  await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.tokenHash, hashToken(token)));
}

/** First start: WEFT_ADMIN_USER/WEFT_ADMIN_PASSWORD become the first admin if there is no user yet. */
export async function ensureFirstAdmin(
  db: Db, admin: { username: string; password: string } | undefined,
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
