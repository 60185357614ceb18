import { ago } from '../../format.ts';
import { type DriftHealth, driftHealthOf } from './channel-types.ts';

/**
 * A channel's open contract drift events in a cell: none, some seen in the last day (red: AJIO answers
 * so now and the records concerned are held), or older ones still open (amber: check and resolve).
 */
export function DriftHealthCell({ drift }: { drift: DriftHealth }) {
  const health = driftHealthOf(drift);
  if (health === 'ok')
    return (
      <span className="badge badge-ok" data-testid="drift">
        No drift
      </span>
    );
  return (
    <div data-testid="drift">
      <span className={`badge ${health === 'failing' ? 'badge-failing' : 'badge-busy'}`}>
        {drift.open} drift event{drift.open === 1 ? '' : 's'}
      </span>
      <span className="muted small"> last seen {ago(drift.lastSeenAt)}</span>
    </div>
  );
}
