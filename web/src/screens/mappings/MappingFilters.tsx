import { TextField } from '../../components/Field.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
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

/**
 * Mapped / unmapped and a search; applying puts them in the URL, so a filtered list can be shared.
 * Choosing mapped or unmapped searches at once; typed text waits for Search.
 */
export function MappingFilters({ value, to }: { value: MappingFilter; to(filter: MappingFilter): string }) {
  return (
    <FilterBar value={value} to={to}>
      {({ draft, set, apply }) => (
        <>
          <TextField
            label="Search listings"
            name="q"
            type="search"
            value={draft.q}
            onChange={(q) => set({ q })}
            placeholder="Channel SKU, seller SKU, EAN or title"
          />
          <Select
            label="Mapping"
            name="mapped"
            value={draft.mapped}
            empty="Mapped and unmapped"
            options={mappedOptions}
            onChange={(mapped) => apply({ mapped: mapped as MappingFilter['mapped'] })}
          />
        </>
      )}
    </FilterBar>
  );
}
