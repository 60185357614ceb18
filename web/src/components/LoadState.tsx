import type { ReactNode } from 'react';

/**
 * The three states of anything loaded, told apart: loading (a visible "Loading…" announced politely),
 * failed (only the reason and a Retry button — never "nothing here", which would be a lie), and empty
 * (said only after a load that succeeded).
 */
export function Loading({ children = 'Loading…' }: { children?: ReactNode }) {
  return (
    <p className="loading muted" role="status" data-testid="loading">
      {children}
    </p>
  );
}

export function LoadFailed({ error, onRetry }: { error: string; onRetry(): void }) {
  return (
    <div className="notice notice-error load-failed" role="alert" data-testid="load-failed">
      <span>{error}</span>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

/**
 * The body row of a table that says why it has no rows: "Loading…" while the first load runs, the
 * empty text after a load succeeded with nothing; nothing when it failed (LoadFailed says that, above
 * the table) or when there are rows.
 */
export function StateRow({
  loading,
  error,
  count,
  colSpan,
  empty,
}: {
  loading: boolean;
  error: string | null;
  count: number;
  colSpan: number;
  empty: ReactNode;
}) {
  if (error || count > 0) return null;
  return (
    <tr>
      <td colSpan={colSpan} className="empty">
        {loading ? <Loading /> : empty}
      </td>
    </tr>
  );
}
