import { formatDateTime, humanize } from '../../format.ts';
import type { OrderEvent } from './order-types.ts';

export function Timeline({ events }: { events: OrderEvent[] }) {
  if (events.length === 0) return <p className="muted">Nothing has happened to this order yet.</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <span className="timeline-when">{formatDateTime(e.at)}</span>
          <span className={`badge badge-order-${e.status}`}>{humanize(e.status)}</span>
          <span>{e.note}</span>
          <span className="muted small">by {e.actor}</span>
        </li>
      ))}
    </ol>
  );
}
