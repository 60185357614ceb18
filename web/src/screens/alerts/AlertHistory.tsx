import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { ListLoading, LoadFailed, StateRow } from '../../components/LoadState.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { roleAllows, useSession } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import type { AlertHistory as History, AlertHistoryEntry } from './alert-types.ts';
import './alerts.css';

const kindLabel: Record<AlertHistoryEntry['kind'], string> = {
  fired: 'firing',
  repeated: 'still firing',
  resolved: 'resolved',
};

/** Where one notification went: delivered, or the failure and when it is tried again. */
function Deliveries({ entry }: { entry: AlertHistoryEntry }) {
  if (entry.deliveries.length === 0) return <span className="muted">No destination was set up.</span>;
  return (
    <ul className="deliveries">
      {entry.deliveries.map((d) => (
        <li key={d.id}>
          <span className={`badge badge-delivery-${d.status}`}>{d.status}</span> {d.destination}
          {d.status === 'delivered' ? <span className="muted small"> at {formatDateTime(d.deliveredAt)}</span> : null}
          {d.attempts > 1 ? <span className="muted small"> after {d.attempts} attempts</span> : null}
          {d.lastError && d.status !== 'delivered' ? <span className="delivery-error">{d.lastError}</span> : null}
          {d.nextAttemptAt ? <span className="muted small"> Next try {formatDateTime(d.nextAttemptAt)}.</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Alerts: what is wrong now, and every notification Weft sent — when an alert fired, repeated and
 * resolved, and where each went (or why it did not, and when it is tried again).
 */
export function AlertHistory() {
  useTitle('Alerts');
  const admin = roleAllows(useSession().user.role, 'admin');
  const { data, error, loading, reload } = useLoad(() => get<History>('/api/alerts/history', { limit: 100 }), []);
  const open = data?.open ?? [];
  const items = data?.items ?? [];

  return (
    <>
      <div className="page-head">
        <h1>Alerts</h1>
        <div className="actions">
          {admin ? <Link to="/settings/alerts">Alert settings</Link> : null}
          <button type="button" onClick={reload} disabled={loading}>
            Refresh
          </button>
        </div>
      </div>
      {error ? <LoadFailed error={error} onRetry={reload} /> : null}
      <Section title="Open now" description="Alerts that have fired and not cleared yet.">
        {data && open.length === 0 ? (
          <p className="muted" data-testid="no-open-alerts">
            Nothing is wrong right now.
          </p>
        ) : (
          <ul className="open-alerts">
            {open.map((a) => (
              <li key={a.id} data-testid={`open-${a.rule}`}>
                <strong>{a.title}</strong> — {a.subject}
                <span className="muted small"> since {formatDateTime(a.startedAt)}</span>
                <p>{a.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="History" description="Each notification, newest first, and where it went.">
        <div className="table-wrap" aria-busy={loading}>
          <table className="table alert-history">
            <caption className="visually-hidden">Alert notifications, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">State</th>
                <th scope="col">Alert</th>
                <th scope="col">What</th>
                <th scope="col">Delivered</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-testid={`notification-${e.id}`}>
                  <td data-label="When">{formatDateTime(e.at)}</td>
                  <td data-label="State">
                    <span className={`badge badge-alert-${e.kind}`}>{kindLabel[e.kind]}</span>
                  </td>
                  <th scope="row" data-label="Alert">
                    {e.title} — {e.subject}
                  </th>
                  <td data-label="What" className="alert-summary">
                    {e.summary}
                  </td>
                  <td data-label="Delivered">
                    <Deliveries entry={e} />
                  </td>
                </tr>
              ))}
              <StateRow
                loading={loading}
                error={error}
                count={items.length}
                colSpan={5}
                empty="No alert has fired yet."
              />
            </tbody>
          </table>
          <ListLoading loading={loading} error={error} count={items.length} />
        </div>
      </Section>
    </>
  );
}
