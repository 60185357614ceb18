import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/Field.tsx';
import { Select } from '../../components/Select.tsx';

export interface MappingFilter {
  mapped: '' | 'true' | 'false';
  q: string;
}

export const mappingFilterOf = (query: URLSearchParams): MappingFilter => {
  const mapped = query.get('mapped');
  return { mapped: mapped === 'true' || mapped === 'false' ? mapped : '', q: query.get('q') ?? '' };
};

const mappedOptions = [
  { value: 'false', label: 'Unmapped only' },
  { value: 'true', label: 'Mapped only' },
] as const;

/** Mapped / unmapped and a search; applying puts them in the URL, so a filtered list can be shared. */
export function MappingFilters({ value, onApply }: { value: MappingFilter; onApply(filter: MappingFilter): void }) {
  const [draft, setDraft] = useState(value);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, q: draft.q.trim() });
  };
  return (
    <form className="filters" onSubmit={apply} role="search">
      <TextField label="Search listings" name="q" type="search" value={draft.q} onChange={(q) => setDraft((d) => ({ ...d, q }))}
        placeholder="Channel SKU, seller SKU, EAN or title" />
      <Select label="Mapping" name="mapped" value={draft.mapped} empty="Mapped and unmapped" options={mappedOptions}
        onChange={(mapped) => { const next = { ...draft, mapped: mapped as MappingFilter['mapped'] }; setDraft(next); onApply({ ...next, q: next.q.trim() }); }} />
      <div className="filter-actions">
        <button type="submit" className="primary">Search</button>
        <button type="button" onClick={() => { const empty: MappingFilter = { mapped: '', q: '' }; setDraft(empty); onApply(empty); }}>Clear</button>
      </div>
    </form>
  );
}
