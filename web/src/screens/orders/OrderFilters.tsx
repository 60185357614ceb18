import { useState, type FormEvent } from 'react';
import { get } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Select } from '../../components/Select.tsx';
import { humanize } from '../../format.ts';
import { useLoad } from '../../use-load.ts';
import { orderStatuses } from './order-types.ts';

export interface Filters {
  channel: string;
  status: string;
  from: string;
  to: string;
  q: string;
}

export const filterKeys = ['channel', 'status', 'from', 'to', 'q'] as const;

export const filtersOf = (query: URLSearchParams): Filters =>
  Object.fromEntries(filterKeys.map((k) => [k, query.get(k) ?? ''])) as unknown as Filters;

/** The order list's filters; applying them puts them in the URL, so a filtered list can be shared. */
export function OrderFilters({ value, onApply }: { value: Filters; onApply(filters: Filters): void }) {
  const [draft, setDraft] = useState(value);
  const channels = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/channels'), []);
  const set = (change: Partial<Filters>) => setDraft((d) => ({ ...d, ...change }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, q: draft.q.trim() });
  };
  return (
    <form className="filters" onSubmit={apply} role="search">
      <TextField label="PO number" name="q" type="search" value={draft.q} onChange={(q) => set({ q })} placeholder="PO number or its start" />
      <Select label="Channel" name="channel" value={draft.channel} empty="All channels" onChange={(channel) => set({ channel })}
        options={(channels.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} · ${c.name}` }))} />
      <Select label="Status" name="status" value={draft.status} empty="All statuses" onChange={(status) => set({ status })}
        options={orderStatuses.map((s) => ({ value: s, label: humanize(s) }))} />
      <TextField label="PO date from" name="from" type="date" value={draft.from} onChange={(from) => set({ from })} />
      <TextField label="PO date to" name="to" type="date" value={draft.to} onChange={(to) => set({ to })} />
      <div className="filter-actions">
        <button type="submit" className="primary">Search</button>
        <button type="button" onClick={() => { const empty = filtersOf(new URLSearchParams()); setDraft(empty); onApply(empty); }}>Clear</button>
      </div>
    </form>
  );
}
