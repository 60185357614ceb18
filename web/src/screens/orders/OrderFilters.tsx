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
  sla: string;
  sort: string;
}

export const filtersOf = (query: URLSearchParams): Filters =>
  filtersFrom(query, ['channel', 'status', 'from', 'to', 'q', 'sla', 'sort']);

/** The SLA states a PO can be filtered by (src/core/orders/sla.ts). */
const slaFilterOptions = [
  { value: 'due', label: 'Due' },
  { value: 'at_risk', label: 'At risk' },
  { value: 'breached', label: 'Breached (target or limit)' },
  { value: 'breached_target', label: 'Breached target' },
  { value: 'breached_limit', label: 'Breached limit' },
  { value: 'dispatched_on_time', label: 'Dispatched on time' },
  { value: 'dispatched_late', label: 'Dispatched late' },
];

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
          <Select
            label="SLA"
            name="sla"
            value={draft.sla}
            empty="Any SLA state"
            onChange={(sla) => set({ sla })}
            options={slaFilterOptions}
          />
          <Select
            label="Sort"
            name="sort"
            value={draft.sort}
            empty="Newest PO first"
            onChange={(sort) => set({ sort })}
            options={[{ value: 'dispatchBy', label: 'Dispatch by, soonest first' }]}
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
