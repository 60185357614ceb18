import type { Role } from '../../session.tsx';

export const roleChoices: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewer: reads everything, changes nothing' },
  { value: 'operator', label: 'Operator: picks, packs, receives returns' },
  { value: 'admin', label: 'Admin: also channels and users' },
];

export interface ListedUser {
  id: number;
  username: string;
  role: Role;
  active: boolean;
  createdAt: string;
  lastSeenAt: string | null;
}

export interface IssuedToken {
  token: string;
  name: string;
  expiresAt: string | null;
  username: string;
}

/** One of a user's API tokens or console sessions, as GET /api/users/:username/tokens lists it. */
export interface ListedToken {
  id: number;
  name: string;
  kind: 'token' | 'session';
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

/** The user as PATCH /api/users/:username answers; a password reset also says how many console sessions it ended. */
export interface ChangedUser extends Pick<ListedUser, 'id' | 'username' | 'role' | 'active'> {
  sessionsEnded?: number;
}
