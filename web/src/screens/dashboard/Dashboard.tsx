import { useMemo } from 'react';
import { get, withQuery } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { FilterBar, filtersFrom } from '../../components/FilterBar.tsx';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';
import { Section } from '../../components/Section.tsx';
import { codeOptions, Select } from '../../components/Select.tsx';
import { useTitle } from '../../router.ts';
import { useLoad } from '../../use-load.ts';
import { CoverageTable } from './CoverageTable.tsx';
import { DayChart } from './DayChart.tsx';
import type { Coverage, Performance } from './dashboard-types.ts';
import './dashboard.css';

interface Filters {
  channel: string;
  from: string;
  to: string;
}

export const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * A channel's fulfilment at a glance: fill rate and on-time dispatch per PO day (charts), the range's
 * totals, and coverage of open demand by stock. Each figure is defined in src/core/orders/performance.ts
 * and coverage.ts; both tables download as CSV.
 */
export function Dashboard({ query }: { query: URLSearchParams }) {
  useTitle('Dashboard');
  const channels = useLoad(() => get<{ items: { code: string; name: string }[] }>('/api/channels'), []);
  const filters: Filters = filtersFrom(query, ['channel', 'from', 'to']);
  const code = filters.channel || channels.data?.items[0]?.code || '';
  const range = { from: filters.from || undefined, to: filters.to || undefined };
  const performance = useLoad(
    () =>
      code
        ? get<Performance>(`/api/channels/${encodeURIComponent(code)}/performance`, range)
        : Promise.resolve(undefined),
    [code, filters.from, filters.to],
  );
  const coverage = useLoad(
    () => (code ? get<Coverage>(`/api/channels/${encodeURIComponent(code)}/coverage`) : Promise.resolve(undefined)),
    [code],
  );
  const p = performance.data;
  const days = useMemo(() => p?.days.map((d) => d.day) ?? [], [p]);
  const fill = useMemo(() => p?.days.map((d) => d.fillRate) ?? [], [p]);
  const onTime = useMemo(() => p?.days.map((d) => d.onTimeRate) ?? [], [p]);
  const csvQuery = withQuery('', { from: p?.from, to: p?.to });

  return (
    <>
      <div className="page-head">
        <h1>Dashboard</h1>
      </div>
      <FilterBar value={{ ...filters, channel: code }} to={(next) => withQuery('/dashboard', { ...next })}>
        {({ draft, set }) => (
          <>
            <Select
              label="Channel"
              name="channel"
              value={draft.channel}
              onChange={(channel) => set({ channel })}
              options={codeOptions(channels.data?.items)}
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
      {channels.error ? <LoadFailed error={channels.error} onRetry={channels.reload} /> : null}
      {channels.data && channels.data.items.length === 0 ? (
        <p className="muted">Add a channel to see its figures.</p>
      ) : null}
      {code ? (
        <>
          <Section
            title="Fulfilment by PO day"
            description="Each PO counts on its PO date (IST): what became of that day's POs. On time: dispatched by the SLA target."
            actions={
              <a
                className="button"
                href={`/api/channels/${encodeURIComponent(code)}/performance.csv${csvQuery}`}
                download
              >
                Download CSV
              </a>
            }
          >
            {performance.error ? (
              <LoadFailed error={performance.error} onRetry={performance.reload} />
            ) : !p ? (
              <Loading />
            ) : (
              <>
                <dl className="facts dashboard-totals" data-testid="performance-totals">
                  <div>
                    <dt>Fill rate</dt>
                    <dd data-testid="fill-rate">{percent(p.totals.fillRate)}</dd>
                    <dd className="muted small">
                      {p.totals.shipped} of {p.totals.units} units shipped
                    </dd>
                  </div>
                  <div>
                    <dt>On time ({p.targetHours} h)</dt>
                    <dd data-testid="on-time">{percent(p.totals.onTimeRate)}</dd>
                    <dd className="muted small">
                      {p.totals.onTime} of {p.totals.due} POs due
                    </dd>
                  </div>
                  <div>
                    <dt>Seller cancellations</dt>
                    <dd data-testid="seller-cancellation">{percent(p.totals.sellerCancellationRate)}</dd>
                    <dd className="muted small">{p.totals.sellerCancelled} units</dd>
                  </div>
                  <div>
                    <dt>Short picks</dt>
                    <dd data-testid="short-pick">{percent(p.totals.shortPickRate)}</dd>
                    <dd className="muted small">{p.totals.shortPicked} units</dd>
                  </div>
                </dl>
                <div className="day-charts">
                  <DayChart title="Fill rate" days={days} values={fill} color="#1f6feb" />
                  <DayChart title="On-time dispatch" days={days} values={onTime} color="#1a7f37" />
                </div>
              </>
            )}
          </Section>
          <Section
            title="Coverage"
            description="Open PO and pendency units against stock on hand; below 100% a short pick is coming."
            actions={
              <a className="button" href={`/api/channels/${encodeURIComponent(code)}/coverage.csv`} download>
                Download CSV
              </a>
            }
          >
            {coverage.error ? (
              <LoadFailed error={coverage.error} onRetry={coverage.reload} />
            ) : !coverage.data ? (
              <Loading />
            ) : (
              <CoverageTable items={coverage.data.items} />
            )}
          </Section>
        </>
      ) : null}
    </>
  );
}
