import { get } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { FilterBar, filtersFrom } from '../../components/FilterBar.tsx';
import { codeOptions, Select } from '../../components/Select.tsx';
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

export const filtersOf = (query: URLSearchParams): Filters =>
  filtersFrom(query, ['channel', 'status', 'from', 'to', 'q']);

/** The order list's filters; applying them puts them in the URL, so a filtered list can be shared. */
export function OrderFilters({ value, to }: { value: Filters; to(filters: Filters): string }) {
  const channels = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/channels'), []);
  return (
    <FilterBar value={value} to={to}>
      {({ draft, set }) => (
        <>
          <TextField
            label="PO number"
            name="q"
            type="search"
            value={draft.q}
            onChange={(q) => set({ q })}
            placeholder="PO number or its start"
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
            options={orderStatuses.map((s) => ({ value: s, label: humanize(s) }))}
          />
          <TextField
            label="PO date from"
            name="from"
            type="date"
            value={draft.from}
            onChange={(from) => set({ from })}
          />
          <TextField label="PO date to" name="to" type="date" value={draft.to} onChange={(to) => set({ to })} />
        </>
      )}
    </FilterBar>
  );
}
