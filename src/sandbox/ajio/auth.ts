// Tokens and login locks. Tokens live 30 minutes of sandbox time; five consecutive failed
// logins lock the username for 15 minutes (423 LOGIN_LOCKED), even for the right password.
import { randomBytes } from 'node:crypto';
import { SandboxError } from './errors.ts';
import { USERNAME_RE, type Seller } from './seller.ts';

export const TOKEN_LIFETIME_SECONDS = 1800;
export const MAX_LOGIN_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;

interface TokenEntry {
  seller: Seller;
  expiresAt: number;
}

export class AuthBook {
  private tokens = new Map<string, TokenEntry>();
  private failures = new Map<string, { count: number; lockedUntil: number }>();

  login(sellers: Map<string, Seller>, body: unknown, now: number) {
    const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown };
    const user = typeof username === 'string' ? username : '';
    const f = this.failures.get(user);
    if (f && f.lockedUntil > now) throw new SandboxError(423, 'LOGIN_LOCKED');
    const seller = USERNAME_RE.test(user) ? sellers.get(user) : undefined;
    if (!seller || typeof password !== 'string' || seller.password !== password) {
      const count = (f && f.lockedUntil <= now && f.lockedUntil > 0 ? 0 : (f?.count ?? 0)) + 1;
      this.failures.set(user, { count, lockedUntil: count >= MAX_LOGIN_FAILURES ? now + LOCK_SECONDS : 0 });
      throw new SandboxError(401, 'INVALID_CREDENTIALS');
    }
    this.failures.delete(user);
    if (this.tokens.size > 10_000) this.purge(now);
    const accessToken = randomBytes(24).toString('base64url');
    this.tokens.set(accessToken, { seller, expiresAt: now + TOKEN_LIFETIME_SECONDS });
    return {
      success: true,
      statusCode: 0,
      result: {
        accessToken,
        refreshToken: randomBytes(24).toString('base64url'),
        tokenType: 'Bearer',
        expiresIn: TOKEN_LIFETIME_SECONDS,
      },
    };
  }

  /** The seller a token belongs to, if it is known, unexpired and the seller was not replaced. */
  verify(token: string | undefined, now: number, sellers: Map<string, Seller>): Seller | undefined {
    if (!token) return undefined;
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= now || sellers.get(entry.seller.username) !== entry.seller) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry.seller;
  }

  private purge(now: number): void {
    for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
  }

  clear(): void {
    this.tokens.clear();
    this.failures.clear();
  }
}
