import { useEffect, useRef, useState, type ReactNode } from 'react';
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
  { to: '/gst-register', label: 'GST register', role: 'viewer' },
  { to: '/dashboard', label: 'Dashboard', role: 'viewer' },
  { to: '/warehouses', label: 'Warehouses', role: 'viewer' },
  { to: '/skus', label: 'SKU master', role: 'viewer' },
  { to: '/buffers', label: 'Buffers', role: 'viewer' },
  { to: '/alerts', label: 'Alerts', role: 'viewer' },
  { to: '/users', label: 'Users', role: 'admin' },
];

/**
 * The console's frame. On a wide screen the navigation is a row of links; below ~800 px it folds into
 * a menu button (the CSS decides which shows) that opens the links as a full-width list, closes on
 * Escape, on a click outside and on navigating, and gives the focus back to the button.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { user, signOut } = useSession();
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new path (a link followed) closes the menu.
  useEffect(() => setOpen(false), [path]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    // A link followed closes the menu, also the link to the screen already shown.
    const onClick = (event: MouseEvent) => {
      if ((event.target as Element).closest?.('#main-nav a')) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('click', onClick);
    };
  }, [open]);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Weft</span>
        <span className="whoami" data-testid="whoami">
          {user.username} · {user.role}
        </span>
        <button
          ref={button}
          id="nav-menu-button"
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen(!open)}
        >
          <span className="menu-icon" aria-hidden="true" />
          Menu
        </button>
        <div ref={menu} className={open ? 'topbar-menu open' : 'topbar-menu'}>
          <nav id="main-nav" aria-label="Main">
            {entries
              .filter((e) => roleAllows(user.role, e.role))
              .map((e) => {
                const current = path === e.to || path.startsWith(`${e.to}/`);
                return (
                  <Link key={e.to} to={e.to} className={current ? 'nav-link active' : 'nav-link'}>
                    {e.label}
                  </Link>
                );
              })}
          </nav>
          <button type="button" className="link-button sign-out" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main className="page">{children}</main>
    </div>
  );
}
