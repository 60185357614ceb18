import { useEffect, useState, type ReactNode } from 'react';
import { messageOf } from '../api.ts';
import { ListLoading, LoadFailed, StateRow } from './LoadState.tsx';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  className?: string;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

interface PagedTableProps<T> {
  columns: Column<T>[];
  /** Loads the page that starts after `after` (undefined: the first page), as the API's keyset paging does. */
  load(after: string | undefined): Promise<Page<T>>;
  /** Changing this (the filters) starts again from the first page. */
  resetKey: string;
  rowKey(row: T): string | number;
  rowClass?(row: T): string | undefined;
  empty: string;
  caption: string;
}

/**
 * A table paged on the server. Keyset paging only knows "the page after this one", so the keys of the
 * pages already seen are kept to go back: every page costs the same however deep it is.
 */
export function PagedTable<T>({ columns, load, resetKey, rowKey, rowClass, empty, caption }: PagedTableProps<T>) {
  const [keys, setKeys] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  /** Bumped by Retry: the same page is asked for again. */
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new resetKey (new filters) starts again from page one.
  useEffect(() => setKeys([undefined]), [resetKey]);

  const after = keys[keys.length - 1];
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is re-created by every render of the parent; the filters it uses are in resetKey.
  useEffect(() => {
    let live = true;
    setLoading(true);
    // A new attempt: its outcome, not the last one's, is what the screen says.
    setError(null);
    load(after)
      .then(
        (p) => {
          if (live) {
            setPage(p);
            setError(null);
          }
        },
        (e: unknown) => {
          if (live) {
            // The rows of an earlier page are not what was asked for: show only the failure.
            setPage(null);
            setError(messageOf(e));
          }
        },
      )
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [after, resetKey, keys.length, attempt]);

  const items = page?.items ?? [];
  return (
    <div className="table-wrap" aria-busy={loading}>
      {error ? <LoadFailed error={error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} className={c.className} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)}>
              {columns.map((c) => (
                <td key={c.header} className={c.className} data-label={c.header}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
          <StateRow loading={loading} error={error} count={items.length} colSpan={columns.length} empty={empty} />
        </tbody>
      </table>
      <ListLoading loading={loading} error={error} count={items.length} />
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={keys.length <= 1 || loading} onClick={() => setKeys(keys.slice(0, -1))}>
          ← Previous
        </button>
        <span className="muted">Page {keys.length}</span>
        <button
          type="button"
          disabled={!page?.next || loading}
          onClick={() => page?.next && setKeys([...keys, page.next])}
        >
          Next →
        </button>
      </nav>
    </div>
  );
}
