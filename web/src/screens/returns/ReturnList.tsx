import { get, withQuery } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { filtersOf, ReturnFilters, type Filters } from './ReturnFilters.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { ReturnSummary } from './return-types.ts';
import './returns.css';

const columns: Column<ReturnSummary>[] = [
  { header: 'Return number', cell: (r) => <Link to={`/returns/${r.id}`}>{r.externalId}</Link> },
  {
    header: 'PO number',
    cell: (r) => (r.orderId ? <Link to={`/orders/${r.orderId}`}>{r.poNumber}</Link> : (r.poNumber ?? '—')),
  },
  { header: 'Channel', cell: (r) => r.channel },
  { header: 'Status', cell: (r) => <StatusBadge status={r.status} /> },
  { header: 'Returned on', cell: (r) => formatDate(r.marketplaceCreatedAt) },
  { header: 'Pulled', cell: (r) => formatDateTime(r.createdAt) },
  { header: 'Last change', cell: (r) => formatDateTime(r.updatedAt) },
  { header: 'Units', cell: (r) => r.units, className: 'num' },
  { header: 'Received', cell: (r) => r.receivedUnits, className: 'num' },
];

/** Returns pulled from AJIO, newest first, filtered and paged on the server. */
export function ReturnList({ query }: { query: URLSearchParams }) {
  useTitle('Returns');
  const filters = filtersOf(query);
  const resetKey = JSON.stringify(filters);
  const load = async (after: string | undefined): Promise<Page<ReturnSummary>> => {
    const page = await get<{ items: ReturnSummary[]; next: number | null }>('/api/returns', {
      q: filters.q,
      channel: filters.channel,
      status: filters.status,
      before: after,
      limit: 50,
    });
    return { items: page.items, next: page.next === null ? null : String(page.next) };
  };
  const to = (next: Filters) => withQuery('/returns', { ...next });

  return (
    <>
      <div className="page-head">
        <h1>Returns</h1>
      </div>
      <ReturnFilters value={filters} to={to} />
      <PagedTable
        columns={columns}
        load={load}
        resetKey={resetKey}
        rowKey={(r) => r.id}
        caption="Returns"
        rowClass={(r) => (r.unmappedLines > 0 ? 'row-trouble' : r.status === 'closed' ? 'row-done' : undefined)}
        empty="No returns match these filters."
      />
    </>
  );
}
