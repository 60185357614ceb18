import { Link } from '../../components/Link.tsx';
import './status-tabs.css';

interface StatusTabsProps {
  /** The list's path, such as `/picklists`; a status goes in its query. */
  base: string;
  statuses: readonly string[];
  current: string;
  label: string;
}

/** A list's status filter as links, so a filtered list is a URL that can be shared and reloaded. */
export function StatusTabs({ base, statuses, current, label }: StatusTabsProps) {
  return (
    <nav className="status-tabs" aria-label={label}>
      {['', ...statuses].map((status) => (
        <Link
          key={status || 'all'}
          to={status ? `${base}?status=${status}` : base}
          className={status === current ? 'active' : undefined}
        >
          {status || 'All'}
        </Link>
      ))}
    </nav>
  );
}

/** The status in the URL when it is one of the list's, else '' (all). */
export const statusIn = (query: URLSearchParams, statuses: readonly string[]) => {
  const status = query.get('status') ?? '';
  return statuses.includes(status) ? status : '';
};
