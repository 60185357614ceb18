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
