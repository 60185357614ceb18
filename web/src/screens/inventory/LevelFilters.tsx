import { useState, type FormEvent } from 'react';
import { get } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Select } from '../../components/Select.tsx';
import { useLoad } from '../../use-load.ts';

export interface LevelFilterValues {
  q: string;
  warehouse: string;
}

export const levelFiltersOf = (query: URLSearchParams): LevelFilterValues => ({ q: query.get('q') ?? '', warehouse: query.get('warehouse') ?? '' });

/** Search by SKU and a warehouse; applying puts them in the URL, so a filtered list can be shared. */
export function LevelFilters({ value, onApply }: { value: LevelFilterValues; onApply(filters: LevelFilterValues): void }) {
  const [draft, setDraft] = useState(value);
  const warehouses = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/warehouses'), []);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, q: draft.q.trim() });
  };
  return (
    <form className="filters" onSubmit={apply} role="search">
      <TextField label="SKU" name="q" type="search" value={draft.q} onChange={(q) => setDraft((d) => ({ ...d, q }))} placeholder="Part of a SKU code or name" />
      <Select label="Warehouse" name="warehouse" value={draft.warehouse} empty="All warehouses" onChange={(warehouse) => setDraft((d) => ({ ...d, warehouse }))}
        options={(warehouses.data?.items ?? []).map((w) => ({ value: w.code, label: `${w.code} · ${w.name}` }))} />
      <div className="filter-actions">
        <button type="submit" className="primary">Search</button>
        <button type="button" onClick={() => { const empty = { q: '', warehouse: '' }; setDraft(empty); onApply(empty); }}>Clear</button>
      </div>
    </form>
  );
}
