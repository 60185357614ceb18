import { useState, type FormEvent } from 'react';
import { get } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Select } from '../../components/Select.tsx';
import { useLoad } from '../../use-load.ts';
import { returnStatuses, statusLabels } from './return-types.ts';

export interface Filters {
  q: string;
  channel: string;
  status: string;
}

const filterKeys = ['q', 'channel', 'status'] as const;

export const filtersOf = (query: URLSearchParams): Filters =>
  Object.fromEntries(filterKeys.map((k) => [k, query.get(k) ?? ''])) as unknown as Filters;

/** The return list's filters; applying them puts them in the URL, so a filtered list can be shared. */
export function ReturnFilters({ value, onApply }: { value: Filters; onApply(filters: Filters): void }) {
  const [draft, setDraft] = useState(value);
  const channels = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/channels'), []);
  const set = (change: Partial<Filters>) => setDraft((d) => ({ ...d, ...change }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, q: draft.q.trim() });
  };
  return (
    <form className="filters" onSubmit={apply} role="search">
      <TextField label="Return, PO or AWB" name="q" type="search" value={draft.q} onChange={(q) => set({ q })}
        placeholder="A number, its start, or an AWB" />
      <Select label="Channel" name="channel" value={draft.channel} empty="All channels" onChange={(channel) => set({ channel })}
        options={(channels.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} · ${c.name}` }))} />
      <Select label="Status" name="status" value={draft.status} empty="All statuses" onChange={(status) => set({ status })}
        options={returnStatuses.map((s) => ({ value: s, label: statusLabels[s] }))} />
      <div className="filter-actions">
        <button type="submit" className="primary">Search</button>
        <button type="button" onClick={() => { const empty = filtersOf(new URLSearchParams()); setDraft(empty); onApply(empty); }}>Clear</button>
      </div>
    </form>
  );
}
