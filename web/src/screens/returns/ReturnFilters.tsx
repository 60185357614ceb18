import { get } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { FilterBar, filtersFrom } from '../../components/FilterBar.tsx';
import { codeOptions, Select } from '../../components/Select.tsx';
import { useLoad } from '../../use-load.ts';
import { returnStatuses, statusLabels } from './return-types.ts';

export interface Filters {
  q: string;
  channel: string;
  status: string;
}

export const filtersOf = (query: URLSearchParams): Filters => filtersFrom(query, ['q', 'channel', 'status']);

/** The return list's filters; applying them puts them in the URL, so a filtered list can be shared. */
export function ReturnFilters({ value, to }: { value: Filters; to(filters: Filters): string }) {
  const channels = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/channels'), []);
  return (
    <FilterBar value={value} to={to}>
      {({ draft, set }) => (
        <>
          <TextField
            label="Return, PO or AWB"
            name="q"
            type="search"
            value={draft.q}
            onChange={(q) => set({ q })}
            placeholder="A number, its start, or an AWB"
          />
          <Select
            label="Channel"
            name="channel"
            value={draft.channel}
            empty="All channels"
            onChange={(channel) => set({ channel })}
            options={codeOptions(channels.data?.items)}
          />
          <Select
            label="Status"
            name="status"
            value={draft.status}
            empty="All statuses"
            onChange={(status) => set({ status })}
            options={returnStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
          />
        </>
      )}
    </FilterBar>
  );
}
