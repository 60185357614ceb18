import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/Field.tsx';
import { Select } from '../../components/Select.tsx';
import { pushStatuses, pushStatusLabel } from './inventory-types.ts';

export interface PushFilterValues {
  q: string;
  status: string;
}

export const pushFiltersOf = (query: URLSearchParams): PushFilterValues => ({ q: query.get('q') ?? '', status: query.get('status') ?? '' });

/** Status and SKU search for a channel's push list; applied into the URL. */
export function PushFilters({ value, onApply }: { value: PushFilterValues; onApply(filters: PushFilterValues): void }) {
  const [draft, setDraft] = useState(value);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, q: draft.q.trim() });
  };
  return (
    <form className="filters" onSubmit={apply} role="search">
      <TextField label="SKU" name="q" type="search" value={draft.q} onChange={(q) => setDraft((d) => ({ ...d, q }))} placeholder="Weft or AJIO SKU, or part of it" />
      <Select label="Push status" name="status" value={draft.status} empty="All statuses" onChange={(status) => setDraft((d) => ({ ...d, status }))}
        options={pushStatuses.map((s) => ({ value: s, label: pushStatusLabel[s] }))} />
      <div className="filter-actions">
        <button type="submit" className="primary">Search</button>
        <button type="button" onClick={() => { const empty = { q: '', status: '' }; setDraft(empty); onApply(empty); }}>Clear</button>
      </div>
    </form>
  );
}
