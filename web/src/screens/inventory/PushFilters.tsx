import { TextField } from '../../components/Field.tsx';
import { FilterBar, filtersFrom } from '../../components/FilterBar.tsx';
import { Select } from '../../components/Select.tsx';
import { pushStatuses, pushStatusLabel } from './inventory-types.ts';

export interface PushFilterValues {
  q: string;
  status: string;
}

export const pushFiltersOf = (query: URLSearchParams): PushFilterValues => filtersFrom(query, ['q', 'status']);

/** Status and SKU search for a channel's push list; applied into the URL. */
export function PushFilters({ value, to }: { value: PushFilterValues; to(filters: PushFilterValues): string }) {
  return (
    <FilterBar value={value} to={to}>
      {({ draft, set }) => (
        <>
          <TextField
            label="SKU"
            name="q"
            type="search"
            value={draft.q}
            onChange={(q) => set({ q })}
            placeholder="Weft or AJIO SKU, or part of it"
          />
          <Select
            label="Push status"
            name="status"
            value={draft.status}
            empty="All statuses"
            onChange={(status) => set({ status })}
            options={pushStatuses.map((s) => ({ value: s, label: pushStatusLabel[s] }))}
          />
        </>
      )}
    </FilterBar>
  );
}
