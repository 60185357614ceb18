import { useState } from 'react';
import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { NewPicklist } from './NewPicklist.tsx';
import { PicklistActions } from './PicklistActions.tsx';
import { picklistStatuses, type PicklistStatus, type PicklistSummary, type PrefetchResult } from './picklist-types.ts';
import { PrefetchResults } from './PrefetchResults.tsx';
import { StatusTabs, statusIn } from './StatusTabs.tsx';
import './picklists.css';

/**
 * Picklist enquiry: newest first, by status, paged on the server; operators create picklists here
 * and move them on, prefetch deliveries and print them from each row.
 */
export function PicklistList({ query }: { query: URLSearchParams }) {
  useTitle('Picklists');
  const canOperate = useCan('operator');
  const status = statusIn(query, picklistStatuses) as PicklistStatus | '';
  const [version, setVersion] = useState(0);
  const [prefetched, setPrefetched] = useState<PrefetchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changed = () => {
    setError(null);
    setVersion((v) => v + 1);
  };

  const columns: Column<PicklistSummary>[] = [
    { header: 'Picklist', cell: (p) => <Link to={`/picklists/${p.code}`}>{p.code}</Link> },
    { header: 'Warehouse', cell: (p) => p.warehouse },
    { header: 'Channel', cell: (p) => p.channel ?? 'All' },
    { header: 'Status', cell: (p) => <span className={`badge badge-picklist-${p.status}`}>{p.status}</span> },
    { header: 'POs', cell: (p) => p.orders, className: 'num' },
    { header: 'Created', cell: (p) => formatDateTime(p.createdAt) },
    {
      header: 'Prefetched',
      cell: (p) => (p.prefetchedAt ? formatDateTime(p.prefetchedAt) : p.prepack ? 'Not yet' : '—'),
    },
    {
      header: 'Actions',
      cell: (p) => (
        <PicklistActions
          picklist={p}
          onChanged={changed}
          onError={setError}
          onPrefetched={(r) => {
            setPrefetched(r);
            changed();
          }}
        />
      ),
    },
  ];
  const load = (before: string | undefined) =>
    get<Page<PicklistSummary>>('/api/picklists', { status, before, limit: 50 });

  return (
    <>
      <div className="page-head">
        <h1>Picklists</h1>
      </div>
      {canOperate ? (
        <Section
          title="New picklist"
          description="Gathers the open orders of a warehouse into one walk through the racks; each order goes on one picklist."
        >
          <NewPicklist />
        </Section>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {prefetched ? <PrefetchResults result={prefetched} onClose={() => setPrefetched(null)} /> : null}
      <StatusTabs base="/picklists" statuses={picklistStatuses} current={status} label="Picklist status" />
      <PagedTable
        columns={columns}
        load={load}
        resetKey={`${status}:${version}`}
        rowKey={(p) => p.code}
        caption="Picklists"
        empty={status ? `No ${status} picklists.` : 'No picklists yet.'}
      />
    </>
  );
}
