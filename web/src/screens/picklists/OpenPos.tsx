import { get } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useLoad } from '../../use-load.ts';
import type { OrderSummary } from '../orders/order-types.ts';
import { SlaBadge } from '../orders/SlaBadge.tsx';

/**
 * The open POs a new picklist would take, soonest dispatch-by first (the oldest POs lead), with their
 * SLA clock — so the picker sees what is late before creating the list. The picklist takes them all,
 * oldest PO first.
 */
export function OpenPos({ channel }: { channel: string }) {
  const open = useLoad(
    () =>
      get<{ items: OrderSummary[]; next: string | null }>('/api/orders', {
        status: 'open',
        channel: channel || undefined,
        sort: 'dispatchBy',
        limit: 20,
      }),
    [channel],
  );
  const items = open.data?.items ?? [];
  if (!open.data || items.length === 0) return null;
  return (
    <div className="table-wrap open-pos">
      <table className="table">
        <caption className="visually-hidden">Open POs, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">PO number</th>
            <th scope="col">PO date</th>
            <th scope="col">Dispatch by</th>
            <th scope="col">SLA</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.id}>
              <th scope="row" data-label="PO number">
                {o.poNumber}
              </th>
              <td data-label="PO date">{formatDateTime(o.poDate)}</td>
              <td data-label="Dispatch by">{o.sla ? formatDateTime(o.sla.dispatchBy) : '—'}</td>
              <td data-label="SLA">
                <SlaBadge sla={o.sla} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open.data.next ? (
        <p className="muted small">The 20 most urgent are shown; the picklist takes every open PO.</p>
      ) : null}
    </div>
  );
}
