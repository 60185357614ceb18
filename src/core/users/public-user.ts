import type { Role } from '../../db/schema.ts';

/**
 * A user as the API and the token checks hand one around: no password hash. Its own module so that
 * users.ts and tokens.ts, which both speak of it, need not import each other (users.ts imports tokens.ts).
 */
export interface PublicUser {
  id: number;
  username: string;
  role: Role;
  active: boolean;
}
