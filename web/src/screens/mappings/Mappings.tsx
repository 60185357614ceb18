import { useState } from 'react';
import { get, withQuery } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { Section } from '../../components/Section.tsx';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { LinkCell } from './LinkCell.tsx';
import { LinksUpload } from './LinksUpload.tsx';
import { mappedByWords, type Listing } from './mapping-types.ts';
import { MappingFilters, mappingFilterOf, type MappingFilter } from './MappingFilters.tsx';
import './mappings.css';

/**
 * Channel mappings: the channel's listings (what the SKU pull read from AJIO), each linked to a Weft
 * SKU or waiting unmapped. Filtered and paged on the server; operators link, unlink and upload links.
 */
export function Mappings({ code, query }: { code: string; query: URLSearchParams }) {
  useTitle(`Mappings · ${code}`);
  const canChange = useCan('operator');
  const filter = mappingFilterOf(query);
  // A link or unlink shows in its row at once, without reloading the page of listings (and losing it).
  const [changed, setChanged] = useState<Record<string, Listing>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [uploads, setUploads] = useState(0);
  const resetKey = JSON.stringify({ ...filter, uploads });

  const load = async (after: string | undefined) => {
    const page = await get<Page<Listing>>(`/api/channels/${encodeURIComponent(code)}/listings`, {
      mapped: filter.mapped,
      q: filter.q,
      after,
      limit: 50,
    });
    setChanged({});
    return page;
  };
  const to = (next: MappingFilter) => withQuery(`/channels/${encodeURIComponent(code)}/mappings`, { ...next });
  const current = (row: Listing) => changed[row.channelSku] ?? row;

  const columns: Column<Listing>[] = [
    { header: 'Channel SKU', cell: (l) => <span className="mono">{l.channelSku}</span> },
    { header: 'Seller SKU', cell: (l) => l.sellerSku ?? '—' },
    { header: 'EAN', cell: (l) => l.ean ?? '—' },
    {
      header: 'Title',
      cell: (l) => (
        <>
          {l.title ?? '—'}
          {l.size ? <span className="muted"> · {l.size}</span> : null}
          {l.active ? null : <span className="badge badge-failing">Not listed</span>}
        </>
      ),
    },
    {
      header: 'Weft SKU',
      cell: (row) => {
        const l = current(row);
        return l.sku ? (
          <span data-testid={`mapped-${l.channelSku}`}>
            <strong>{l.sku}</strong>
            <br />
            <span className="muted small">{mappedByWords(l.mappedBy)}</span>
          </span>
        ) : (
          <span data-testid={`mapped-${l.channelSku}`}>
            <span className="badge badge-busy">Unmapped</span>
            {l.mappedBy ? (
              <>
                <br />
                <span className="muted small">{mappedByWords(l.mappedBy)}</span>
              </>
            ) : null}
          </span>
        );
      },
    },
  ];
  if (canChange) {
    columns.push({
      header: 'Link',
      className: 'link-cell',
      cell: (row) => (
        <LinkCell
          code={code}
          listing={current(row)}
          editing={editing === row.channelSku}
          onEdit={(on) => setEditing(on ? row.channelSku : null)}
          onChanged={(l) => setChanged((c) => ({ ...c, [l.channelSku]: l }))}
        />
      ),
    });
  }

  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/channels">Manage Channels</Link> /{' '}
            <Link to={`/channels/${encodeURIComponent(code)}`}>{code}</Link>
          </p>
          <h1>Channel mappings</h1>
        </div>
        <div className="actions">
          <Link to={`/sync-runs?channel=${encodeURIComponent(code)}&stream=skus`} className="button">
            SKU pull runs
          </Link>
        </div>
      </div>
      <p className="muted">
        Only listings linked to a Weft SKU take part in orders and inventory. The SKU pull links by seller SKU, else
        EAN; link the rest here.
      </p>
      <MappingFilters value={filter} to={to} />
      <PagedTable
        columns={columns}
        load={load}
        resetKey={resetKey}
        rowKey={(l) => l.channelSku}
        caption="Listings"
        rowClass={(l) => (current(l).sku ? undefined : 'row-unmapped')}
        empty="No listings match. Pull SKUs on the channel page if there are none yet."
      />
      {canChange ? (
        <Section
          title="Link in bulk from CSV"
          description="Fill in the Weft SKU code for each channel SKU in a spreadsheet and upload it; every line is answered."
        >
          <LinksUpload code={code} onUploaded={() => setUploads((n) => n + 1)} />
        </Section>
      ) : null}
    </>
  );
}
