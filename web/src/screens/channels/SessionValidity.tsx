import { ago, formatDateTime } from '../../format.ts';

/**
 * AJIO's token for the channel: until when it is valid, or that it has lapsed. A lapsed token is not
 * trouble by itself (the next call logs in again); a failing login shows as the streams' errors.
 */
export function SessionValidity({ until, now = Date.now() }: { until: string | null; now?: number }) {
  if (!until)
    return (
      <span className="muted small" data-testid="session">
        Not logged in yet
      </span>
    );
  const valid = new Date(until).getTime() > now;
  return (
    <span className={valid ? 'small' : 'muted small'} data-testid="session" title={formatDateTime(until)}>
      {valid ? formatDateTime(until) : `Lapsed ${ago(until, now)}; renewed at the next call`}
    </span>
  );
}
