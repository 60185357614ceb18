import { useState } from 'react';
import { get, messageOf, post, withQuery } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime } from '../../format.ts';
import { navigate, useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { FigureExplanation } from './FigureExplanation.tsx';
import { PushFilters, pushFiltersOf, type PushFilterValues } from './PushFilters.tsx';
import { ReconciliationReports } from './ReconciliationReports.tsx';
import { levelPath, pushStatusBadge, pushStatusLabel, type PushState } from './inventory-types.ts';
import './inventory.css';
import { LoadFailed } from '../../components/LoadState.tsx';

/**
 * What Weft tells AJIO each listing may sell, why (one listing's explanation opens above the list),
 * how each last push went, a full push on demand, and the channel's reconciliation reports.
 */
export function ChannelInventory({ code, query }: { code: string; query: URLSearchParams }) {
  const canOperate = useCan('operator');
  const filters = pushFiltersOf(query);
  const explain = query.get('explain');
  const [version, setVersion] = useState(0);
  const [news, setNews] = useState<{ kind: 'success' | 'error'; text: string; runId?: number } | null>(null);
  const [pushing, setPushing] = useState(false);
  const channel = useLoad(
    () => get<{ code: string; name: string; warehouse: string }>(`/api/channels/${encodeURIComponent(code)}`),
    [code],
  );
  useTitle(`${code} inventory`);

  const here = (change: Partial<PushFilterValues & { explain: string | null }>) =>
    withQuery(`/channels/${encodeURIComponent(code)}/inventory`, { ...filters, explain, ...change });
  const resetKey = `${JSON.stringify(filters)}#${version}`;
  const load = async (after: string | undefined): Promise<Page<PushState>> => {
    const page = await get<{ items: PushState[]; next: number | null }>(
      `/api/channels/${encodeURIComponent(code)}/inventory`,
      { status: filters.status, q: filters.q, after, limit: 50 },
    );
    return { items: page.items, next: page.next === null ? null : String(page.next) };
  };

  async function pushAll() {
    setPushing(true);
    setNews(null);
    try {
      const run = await post<{ runId: number; status: string }>(
        `/api/channels/${encodeURIComponent(code)}/inventory/push-all`,
      );
      setNews({
        kind: 'success',
        text: `Full push asked for: every listing's figure goes to AJIO again in run ${run.runId} (${run.status}).`,
        runId: run.runId,
      });
    } catch (error) {
      setNews({ kind: 'error', text: messageOf(error) });
    } finally {
      setPushing(false);
    }
  }

  const warehouse = channel.data?.warehouse;
  const columns: Column<PushState>[] = [
    { header: 'AJIO SKU', cell: (s) => s.channelSku },
    { header: 'Weft SKU', cell: (s) => (warehouse ? <Link to={levelPath(warehouse, s.sku)}>{s.sku}</Link> : s.sku) },
    { header: 'Pushed', cell: (s) => s.quantity ?? '—', className: 'num' },
    {
      header: 'Status',
      cell: (s) => <span className={`badge ${pushStatusBadge[s.status]}`}>{pushStatusLabel[s.status]}</span>,
    },
    { header: 'AJIO says', cell: (s) => s.message ?? '' },
    { header: 'Sent', cell: (s) => formatDateTime(s.pushedAt) },
    {
      header: 'Why',
      className: 'right',
      cell: (s) => (
        <button
          type="button"
          className="link-button"
          aria-label={`Explain ${s.sku}`}
          onClick={() => navigate(here({ explain: s.sku }))}
        >
          Explain
        </button>
      ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/channels">Manage Channels</Link> /{' '}
            <Link to={`/channels/${encodeURIComponent(code)}`}>{code}</Link>
          </p>
          <h1>Inventory at AJIO{channel.data ? <span className="muted"> · {channel.data.name}</span> : null}</h1>
          <p className="muted">
            Pushed = on hand − allocated to POs − reserved for pendency − the listing's buffer, never below 0.
          </p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => setVersion((v) => v + 1)}>
            Refresh
          </button>
          {canOperate ? (
            <button type="button" className="primary" disabled={pushing} onClick={() => void pushAll()}>
              {pushing ? 'Asking…' : 'Push all now'}
            </button>
          ) : null}
        </div>
      </div>
      {channel.error ? <LoadFailed error={channel.error} onRetry={channel.reload} /> : null}
      {news ? (
        <Notice kind={news.kind}>
          {news.text}
          {news.runId ? (
            <>
              {' '}
              <Link to={`/sync-runs/${news.runId}`}>Follow run {news.runId}</Link>
            </>
          ) : null}
        </Notice>
      ) : null}
      {explain ? (
        <FigureExplanation key={explain} code={code} sku={explain} onClose={() => navigate(here({ explain: null }))} />
      ) : null}
      <Section title="Figures per SKU" description="The last figure sent for each listing and what AJIO made of it.">
        <PushFilters value={filters} to={(next) => here({ ...next })} />
        <PagedTable
          columns={columns}
          load={load}
          resetKey={resetKey}
          rowKey={(s) => s.listingId}
          caption="Figures per SKU"
          rowClass={(s) => (s.status === 'error' ? 'row-trouble' : undefined)}
          empty="No listing matches this search."
        />
      </Section>
      <Section
        title="Reconciliation reports"
        description="Each compares AJIO's figures with Weft's and corrects the ones that drifted."
      >
        <ReconciliationReports code={code} version={version} />
      </Section>
    </>
  );
}
