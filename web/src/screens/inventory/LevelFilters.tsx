import { get } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { FilterBar, filtersFrom } from '../../components/FilterBar.tsx';
import { codeOptions, Select } from '../../components/Select.tsx';
import { useLoad } from '../../use-load.ts';

export interface LevelFilterValues {
  q: string;
  warehouse: string;
}

export const levelFiltersOf = (query: URLSearchParams): LevelFilterValues => filtersFrom(query, ['q', 'warehouse']);

/** Search by SKU and a warehouse; applying puts them in the URL, so a filtered list can be shared. */
export function LevelFilters({ value, to }: { value: LevelFilterValues; to(filters: LevelFilterValues): string }) {
  const warehouses = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/warehouses'), []);
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
            placeholder="Part of a SKU code or name"
          />
          <Select
            label="Warehouse"
            name="warehouse"
            value={draft.warehouse}
            empty="All warehouses"
            onChange={(warehouse) => set({ warehouse })}
            options={codeOptions(warehouses.data?.items)}
          />
        </>
      )}
    </FilterBar>
  );
}
