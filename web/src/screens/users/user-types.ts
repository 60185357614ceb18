import type { Role } from '../../session.tsx';
import type { Wire } from '../../../../src/http/responses/common.ts';
import type { issuedToken, listedToken, listedUser, updatedUser } from '../../../../src/http/responses/users.ts';

export const roleChoices: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewer: reads everything, changes nothing' },
  { value: 'operator', label: 'Operator: picks, packs, receives returns' },
  { value: 'admin', label: 'Admin: also channels and users' },
];

/** The answers of /api/users, as the server declares them (src/http/responses/users.ts). */
export type ListedUser = Wire<typeof listedUser>;
export type IssuedToken = Wire<typeof issuedToken>;
/** One of a user's API tokens or console sessions, as GET /api/users/:username/tokens lists it. */
export type ListedToken = Wire<typeof listedToken>;
/** The user as PATCH /api/users/:username answers; a password reset also says how many console sessions it ended. */
export type ChangedUser = Wire<typeof updatedUser>;
