import { createContext, useContext } from 'react';

/** Who is signed in, and what their role allows: viewer reads, operator works, admin manages. */
export type Role = 'viewer' | 'operator' | 'admin';

export interface User {
  id: number;
  username: string;
  role: Role;
}

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export const roleAllows = (role: Role, needed: Role) => rank[role] >= rank[needed];

export interface Session {
  user: User;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** True when the signed-in user may do what needs `role`; screens hide what is not allowed. */
export function useCan(role: Role): boolean {
  return roleAllows(useSession().user.role, role);
}
