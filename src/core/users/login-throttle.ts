import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { loginFailures } from '../../db/schema.ts';
import { AppError } from '../errors.ts';
import { authenticate, type PublicUser } from './users.ts';

/**
 * Sign-in throttling: after `userFailures` failed sign-ins of one username, or `addressFailures` from one
 * client address, within `lockSeconds`, further sign-ins of that username or from that address are
 * refused for `lockSeconds` without checking the password. Counts live in the database (login_failures),
 * so several API processes share them and a restart does not reset them. The database clock decides,
 * so processes with skewed clocks agree.
 */
export interface LoginThrottleSettings {
  userFailures: number;
  addressFailures: number;
  lockSeconds: number;
}

export const defaultLoginThrottle: LoginThrottleSettings = { userFailures: 5, addressFailures: 30, lockSeconds: 900 };

// Usernames are at most 64 characters; a longer attempt still counts, under its first 100.
const userKey = (username: string) => `user:${username.toLowerCase().slice(0, 100)}`;
const addressKey = (address: string) => `address:${address}`;

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Refuses with 429 (and Retry-After) while the username or the address is locked. Call before checking the password. */
export async function assertNotThrottled(db: Db, username: string, address: string): Promise<void> {
  const rows = await db
    .select({
      key: loginFailures.key,
      seconds: sql<number>`ceil(extract(epoch from (${loginFailures.lockedUntil} - now())))::int`,
      until: loginFailures.lockedUntil,
    })
    .from(loginFailures)
    .where(
      and(
        inArray(loginFailures.key, [userKey(username), addressKey(address)]),
        sql`${loginFailures.lockedUntil} > now()`,
      ),
    );
  if (!rows.length) return;
  const longest = rows.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const seconds = Math.max(1, longest.seconds);
  const until = new Date(longest.until!).toISOString().slice(11, 16);
  const who = longest.key.startsWith('user:') ? 'this username' : 'your address';
  throw new AppError(
    'throttled',
    `Too many failed sign-ins for ${who}: try again in ${waitText(seconds)} (after ${until} UTC). An admin can reset a forgotten password meanwhile.`,
    { retryAfterSeconds: seconds },
  );
}

/** Counts a failed sign-in against the username and the address; the one that reaches its limit is locked. */
export async function recordLoginFailure(
  db: Db,
  settings: LoginThrottleSettings,
  username: string,
  address: string,
): Promise<void> {
  const lock = sql`make_interval(secs => ${settings.lockSeconds})`;
  const expired = sql`${loginFailures.windowStartedAt} < now() - ${lock}`;
  const counted = sql`case when ${expired} then 1 else ${loginFailures.failures} + 1 end`;
  for (const [key, limit] of [
    [userKey(username), settings.userFailures],
    [addressKey(address), settings.addressFailures],
  ] as const) {
    await db
      .insert(loginFailures)
      .values({ key, failures: 1, windowStartedAt: sql`now()`, lockedUntil: limit <= 1 ? sql`now() + ${lock}` : null })
      .onConflictDoUpdate({
        target: loginFailures.key,
        set: {
          failures: counted,
          windowStartedAt: sql`case when ${expired} then now() else ${loginFailures.windowStartedAt} end`,
          lockedUntil: sql`case when ${counted} >= ${limit} then now() + ${lock} else ${loginFailures.lockedUntil} end`,
        },
      });
  }
  // Rows whose window and lock have both passed say nothing any more; dropping them keeps the table small.
  await db
    .delete(loginFailures)
    .where(
      and(
        lt(loginFailures.windowStartedAt, sql`now() - ${lock}`),
        or(isNull(loginFailures.lockedUntil), lt(loginFailures.lockedUntil, sql`now()`)),
      ),
    );
}

/** A successful sign-in clears its username's count (not the address's: one good account must not unlock guessing at others). */
export async function clearLoginFailures(db: Db, username: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, userKey(username)));
}

/** A throttled sign-in: refused while locked, counted when wrong, and a success clears the username's count. */
export async function signIn(
  db: Db,
  settings: LoginThrottleSettings,
  username: string,
  password: string,
  address: string,
): Promise<PublicUser> {
  await assertNotThrottled(db, username, address);
  let user: PublicUser;
  try {
    user = await authenticate(db, username, password);
  } catch (error) {
    if (error instanceof AppError && error.code === 'unauthorized')
      await recordLoginFailure(db, settings, username, address);
    throw error;
  }
  await clearLoginFailures(db, username);
  return user;
}
