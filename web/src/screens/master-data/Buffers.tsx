import { useState } from 'react';
import { get, withQuery } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { Section } from '../../components/Section.tsx';
import { Select } from '../../components/Select.tsx';
import { navigate, useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import type { ChannelView } from '../channels/channel-types.ts';
import type { Listing } from '../mappings/mapping-types.ts';
import { BufferCell } from './BufferCell.tsx';
import { BuffersUpload } from './BuffersUpload.tsx';
import './master-data.css';

/**
 * Listing buffers: the units of each listing held back from the marketplace (pushed = available −
 * buffer). One channel's listings with their buffers, set one at a time, or many channels' by CSV.
 */
export function Buffers({ query }: { query: URLSearchParams }) {
  useTitle('Listing buffers');
  const canEdit = useCan('admin');
  const channels = useLoad(() => get<{ items: ChannelView[] }>('/api/channels'), []);
  const items = channels.data?.items ?? [];
  const code = query.get('channel') ?? items[0]?.code ?? '';
  const q = query.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [version, setVersion] = useState(0);
  const [changed, setChanged] = useState<Record<string, Listing>>({});
  const go = (change: { channel?: string; q?: string }) =>
    navigate(withQuery('/buffers', { channel: change.channel ?? code, q: change.q ?? (q || undefined) }));

  const load = async (after: string | undefined) => {
    if (!code) return { items: [], next: null };
    const page = await get<Page<Listing>>(`/api/channels/${encodeURIComponent(code)}/listings`, {
      q: q || undefined,
      after,
      limit: 50,
    });
    setChanged({});
    return page;
  };
  const current = (l: Listing) => changed[l.channelSku] ?? l;
  const columns: Column<Listing>[] = [
    { header: 'Channel SKU', cell: (l) => l.channelSku, className: 'mono' },
    { header: 'Weft SKU', cell: (l) => current(l).sku ?? <span className="muted">not linked</span> },
    { header: 'Title', cell: (l) => l.title || '—' },
    {
      header: 'Buffer',
      cell: (l) => (
        <BufferCell
          code={code}
          listing={current(l)}
          disabled={!canEdit}
          onSaved={(saved) => setChanged((c) => ({ ...c, [saved.channelSku]: saved }))}
        />
      ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>Listing buffers</h1>
      </div>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: search.trim() || '' });
        }}
      >
        <Select
          label="Channel"
          name="channel"
          value={code}
          options={items.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
          empty={items.length ? undefined : 'No channel yet'}
          onChange={(channel) => go({ channel })}
        />
        <TextField
          label="Search listings"
          type="search"
          name="q"
          value={search}
          onChange={setSearch}
          hint="Channel SKU, seller SKU, EAN or title"
        />
        <button type="submit">Search</button>
      </form>
      <PagedTable
        columns={columns}
        load={load}
        resetKey={`${code}|${q}|${version}`}
        rowKey={(l) => l.channelSku}
        caption="Listings and their buffers"
        empty={
          code ? 'No listings match. Pull SKUs on the channel page if there are none yet.' : 'Add a channel first.'
        }
      />
      {canEdit ? (
        <Section
          title="Set buffers from CSV"
          description="One line per listing (or per Weft SKU, for all its listings on that channel); every line is answered."
        >
          <BuffersUpload onUploaded={() => setVersion((n) => n + 1)} />
        </Section>
      ) : null}
    </>
  );
}
