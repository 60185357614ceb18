import type { ReactNode } from 'react';
import { useLocation } from '../router.ts';
import { roleAllows, useSession, type Role } from '../session.tsx';
import { Link } from './Link.tsx';

/** Navigation entries and the least role that sees each; only screens that exist are listed. */
const entries: { to: string; label: string; role: Role }[] = [
  { to: '/channels', label: 'Manage Channels', role: 'viewer' },
  { to: '/orders', label: 'Orders', role: 'viewer' },
  { to: '/picklists', label: 'Picklists', role: 'viewer' },
  { to: '/pack', label: 'Pack station', role: 'operator' },
  { to: '/manifests', label: 'Manifests', role: 'viewer' },
  { to: '/inventory', label: 'Inventory', role: 'viewer' },
  { to: '/returns', label: 'Returns', role: 'viewer' },
  { to: '/back-orders', label: 'Back orders', role: 'viewer' },
  { to: '/sync-runs', label: 'Sync runs', role: 'viewer' },
  { to: '/users', label: 'Users', role: 'admin' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { user, signOut } = useSession();
  const { path } = useLocation();
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Weft</span>
        <nav aria-label="Main">
          {entries
            .filter((e) => roleAllows(user.role, e.role))
            .map((e) => (
              <Link key={e.to} to={e.to} className={path.startsWith(e.to) ? 'nav-link active' : 'nav-link'}>
                {e.label}
              </Link>
            ))}
        </nav>
        <div className="whoami">
          <span data-testid="whoami">
            {user.username} · {user.role}
          </span>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main className="page">{children}</main>
    </div>
  );
}
