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

interface ListState {
  loading: boolean;
  error: string | null;
  /** Rows shown now. */
  count: number;
}

/**
 * The body row of a table that says it has no rows: only after a load that succeeded with nothing —
 * not while loading (ListLoading says that, under the table), not when it failed (LoadFailed, above).
 */
export function StateRow({ loading, error, count, colSpan, empty }: ListState & { colSpan: number; empty: ReactNode }) {
  if (loading || error || count > 0) return null;
  return (
    <tr>
      <td colSpan={colSpan} className="empty">
        {empty}
      </td>
    </tr>
  );
}

/** "Loading…" under a table that has no rows yet; kept out of the table so its rows stay the data's. */
export function ListLoading({ loading, error, count }: ListState) {
  return loading && !error && count === 0 ? <Loading /> : null;
}
