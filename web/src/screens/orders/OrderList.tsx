import { get, withQuery } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { formatDateTime, formatRupees, humanize } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { filtersOf, OrderFilters, type Filters } from './OrderFilters.tsx';
import type { OrderSummary } from './order-types.ts';
import { SlaBadge } from './SlaBadge.tsx';

/** "To" is a whole day: everything up to the end of that day in IST. */
const endOfDayIst = (day: string) => (day ? `${day}T23:59:59.999+05:30` : undefined);
const startOfDayIst = (day: string) => (day ? `${day}T00:00:00+05:30` : undefined);

const columns: Column<OrderSummary>[] = [
  { header: 'PO number', cell: (o) => <Link to={`/orders/${o.id}`}>{o.poNumber}</Link> },
  { header: 'Channel', cell: (o) => o.channel },
  { header: 'PO date', cell: (o) => formatDateTime(o.poDate) },
  { header: 'Dispatch by', cell: (o) => (o.sla ? formatDateTime(o.sla.dispatchBy) : '—') },
  { header: 'SLA', cell: (o) => <SlaBadge sla={o.sla} /> },
  {
    header: 'Status',
    cell: (o) => (
      <span className={`badge badge-order-${o.status}`} title={o.holdReason ?? undefined}>
        {humanize(o.status)}
      </span>
    ),
  },
  {
    header: 'AJIO status',
    cell: (o) => (
      <span className="muted small" data-testid="ajio-status">
        {o.marketplaceStatus ?? '—'}
      </span>
    ),
  },
  { header: 'Lines', cell: (o) => o.lines, className: 'num' },
  { header: 'Units', cell: (o) => o.units, className: 'num' },
  { header: 'Open units', cell: (o) => o.openUnits, className: 'num' },
  { header: 'PO amount', cell: (o) => formatRupees(o.poAmountPaise), className: 'num' },
];

/** Orders, newest PO first, filtered and paged on the server so the list is as quick at 100,000 orders as at 10. */
export function OrderList({ query }: { query: URLSearchParams }) {
  useTitle('Orders');
  const filters = filtersOf(query);
  const resetKey = JSON.stringify(filters);
  const load = (after: string | undefined) =>
    get<Page<OrderSummary>>('/api/orders', {
      channel: filters.channel,
      status: filters.status,
      q: filters.q,
      sla: filters.sla,
      sort: filters.sort,
      from: startOfDayIst(filters.from),
      to: endOfDayIst(filters.to),
      after,
      limit: 50,
    });
  const to = (next: Filters) => withQuery('/orders', { ...next });

  return (
    <>
      <div className="page-head">
        <h1>Orders</h1>
      </div>
      <OrderFilters value={filters} to={to} />
      <PagedTable
        columns={columns}
        load={load}
        resetKey={resetKey}
        rowKey={(o) => o.id}
        caption="Orders"
        rowClass={(o) => (o.status === 'on_hold' ? 'row-trouble' : undefined)}
        empty="No orders match these filters."
      />
    </>
  );
}
