import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from '../router.ts';
import { roleAllows, useSession, type Role } from '../session.tsx';
import { Link } from './Link.tsx';

/** The navigation's groups, in the order the bar shows them. */
const groups = ['Floor', 'Stock', 'Channels', 'Office'] as const;
type Group = (typeof groups)[number];

/**
 * Navigation entries: the least role that sees each and the group it sits in. A new screen is one
 * line here. Only screens that exist are listed.
 */
const entries: { to: string; label: string; role: Role; group: Group }[] = [
  { to: '/pack', label: 'Pack station', role: 'operator', group: 'Floor' },
  { to: '/orders', label: 'Orders', role: 'viewer', group: 'Floor' },
  { to: '/picklists', label: 'Picklists', role: 'viewer', group: 'Floor' },
  { to: '/manifests', label: 'Manifests', role: 'viewer', group: 'Floor' },
  { to: '/returns', label: 'Returns', role: 'viewer', group: 'Floor' },
  { to: '/inventory', label: 'Inventory', role: 'viewer', group: 'Stock' },
  { to: '/back-orders', label: 'Back orders', role: 'viewer', group: 'Stock' },
  { to: '/buffers', label: 'Buffers', role: 'viewer', group: 'Stock' },
  { to: '/channels', label: 'Manage Channels', role: 'viewer', group: 'Channels' },
  { to: '/sync-runs', label: 'Sync runs', role: 'viewer', group: 'Channels' },
  { to: '/dashboard', label: 'Dashboard', role: 'viewer', group: 'Channels' },
  { to: '/alerts', label: 'Alerts', role: 'viewer', group: 'Channels' },
  { to: '/warehouses', label: 'Warehouses', role: 'viewer', group: 'Office' },
  { to: '/skus', label: 'SKU master', role: 'viewer', group: 'Office' },
  { to: '/gst-register', label: 'GST register', role: 'viewer', group: 'Office' },
  { to: '/users', label: 'Users', role: 'admin', group: 'Office' },
];

/** The pack station is the floor's main screen: on a wide screen it is a link of its own beside the groups, one tap away. */
const pinned = '/pack';

const isCurrent = (path: string, to: string) => path === to || path.startsWith(`${to}/`);
const slug = (group: Group) => group.toLowerCase().replace(/\s+/g, '-');
const groupListId = (group: Group) => `nav-group-${slug(group)}`;
const groupButtonId = (group: Group) => `nav-group-button-${slug(group)}`;

/**
 * The console's frame. On a wide screen the navigation is one row: the pack station and a disclosure
 * button per group, each opening its list of links (Escape closes it and gives the focus back to its
 * button; a click outside or a link followed closes it too). Below ~800 px the whole navigation folds
 * into a menu button (the CSS decides which shows) that opens every link under its group's heading.
 */
export function Layout({ children }: { children: ReactNode }) {
  const { user, signOut } = useSession();
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const [openGroup, setOpenGroup] = useState<Group | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const shown = entries.filter((e) => roleAllows(user.role, e.role));
  const pinnedEntry = shown.find((e) => e.to === pinned);
  const grouped = groups
    .map((group) => ({ group, links: shown.filter((e) => e.group === group && e.to !== pinned) }))
    .filter((g) => g.links.length > 0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new path (a link followed) closes the menu and the group.
  useEffect(() => {
    setOpen(false);
    setOpenGroup(null);
  }, [path]);

  useEffect(() => {
    if (!open && !openGroup) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      if (openGroup) {
        setOpenGroup(null);
        document.getElementById(groupButtonId(openGroup))?.focus();
      } else {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (openGroup && !document.getElementById(groupButtonId(openGroup))?.parentElement?.contains(target))
        setOpenGroup(null);
      if (open && !menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    // A link followed closes the menu and the group, also the link to the screen already shown.
    const onClick = (event: MouseEvent) => {
      if ((event.target as Element).closest?.('#main-nav a')) {
        setOpen(false);
        setOpenGroup(null);
      }
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('click', onClick);
    };
  }, [open, openGroup]);

  const link = (e: (typeof entries)[number]) => {
    const current = isCurrent(path, e.to);
    return (
      <Link to={e.to} className={current ? 'nav-link active' : 'nav-link'} current={current}>
        {e.label}
      </Link>
    );
  };

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
            {pinnedEntry && <div className="nav-pinned">{link(pinnedEntry)}</div>}
            {grouped.map(({ group, links }) => {
              const expanded = openGroup === group;
              const holdsCurrent = links.some((e) => isCurrent(path, e.to));
              return (
                <div key={group} className={expanded ? 'nav-group open' : 'nav-group'}>
                  <button
                    id={groupButtonId(group)}
                    type="button"
                    className={holdsCurrent ? 'nav-group-button active' : 'nav-group-button'}
                    aria-expanded={expanded}
                    aria-controls={groupListId(group)}
                    aria-current={holdsCurrent ? 'true' : undefined}
                    onClick={() => setOpenGroup(expanded ? null : group)}
                  >
                    {group}
                    <span className="nav-group-caret" aria-hidden="true" />
                  </button>
                  {/* The handheld menu shows this heading in place of the button, and every list open under its heading. */}
                  <span className="nav-group-heading">{group}</span>
                  <ul id={groupListId(group)} className="nav-group-list">
                    {links.map((e) => (
                      <li key={e.to}>{link(e)}</li>
                    ))}
                  </ul>
                </div>
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
