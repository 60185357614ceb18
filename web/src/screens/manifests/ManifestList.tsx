import { useState } from 'react';
import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { StatusTabs, statusIn } from '../picklists/StatusTabs.tsx';
import { manifestStatuses, type ManifestSummary } from './manifest-types.ts';
import { NewManifest } from './NewManifest.tsx';
import './manifests.css';

const columns: Column<ManifestSummary>[] = [
  { header: 'Manifest', cell: (m) => <Link to={`/manifests/${m.code}`}>{m.code}</Link> },
  { header: 'Channel', cell: (m) => m.channel },
  { header: 'Warehouse', cell: (m) => m.warehouse },
  { header: 'Status', cell: (m) => <span className={`badge badge-manifest-${m.status}`}>{m.status}</span> },
  { header: 'POs', cell: (m) => m.orders, className: 'num' },
  { header: 'Dispatched', cell: (m) => m.dispatched, className: 'num' },
  { header: 'Refused', cell: (m) => m.refused, className: 'num' },
  { header: 'AJIO manifest', cell: (m) => m.marketplaceManifestId ?? '—' },
  { header: 'Created', cell: (m) => formatDateTime(m.createdAt) },
];

/** Manifests, newest first, by status, paged on the server; operators make new ones from ready shipments. */
export function ManifestList({ query }: { query: URLSearchParams }) {
  useTitle('Manifests');
  const canOperate = useCan('operator');
  const status = statusIn(query, manifestStatuses);
  const [version, setVersion] = useState(0);
  const load = (before: string | undefined) =>
    get<Page<ManifestSummary>>('/api/manifests', { status, before, limit: 50 });
  return (
    <>
      <div className="page-head">
        <h1>Manifests</h1>
      </div>
      {canOperate ? (
        <Section
          title="New manifest"
          description="Gathers the ready shipments of a channel and warehouse for handover; nothing reaches AJIO until you dispatch it."
        >
          <NewManifest onCreated={() => setVersion((v) => v + 1)} />
        </Section>
      ) : null}
      <StatusTabs base="/manifests" statuses={manifestStatuses} current={status} label="Manifest status" />
      <PagedTable
        columns={columns}
        load={load}
        resetKey={`${status}:${version}`}
        rowKey={(m) => m.code}
        caption="Manifests"
        rowClass={(m) => (m.refused > 0 ? 'row-trouble' : undefined)}
        empty={status ? `No ${status} manifests.` : 'No manifests yet.'}
      />
    </>
  );
}
