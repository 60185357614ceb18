import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { formatDateTime } from '../../format.ts';
import type { ReportSummary } from './inventory-types.ts';

const columns: Column<ReportSummary>[] = [
  { header: 'Report', cell: (r) => <Link to={`/reconciliation-reports/${r.id}`}>Report {r.id}</Link> },
  { header: 'Date', cell: (r) => formatDateTime(r.createdAt) },
  { header: 'SKUs compared', cell: (r) => r.compared, className: 'num' },
  { header: 'Drifted', cell: (r) => r.drifted, className: 'num' },
  { header: 'Corrected', cell: (r) => r.corrected, className: 'num' },
  { header: 'Missing at AJIO', cell: (r) => r.missing ?? '—', className: 'num' },
];

/** A channel's reconciliation reports, newest first; a report with drift left uncorrected, or SKUs missing at AJIO, is marked. */
export function ReconciliationReports({ code, version }: { code: string; version: number }) {
  const load = async (before: string | undefined): Promise<Page<ReportSummary>> => {
    const page = await get<{ items: ReportSummary[]; next: number | null }>(
      `/api/channels/${encodeURIComponent(code)}/reconciliation-reports`,
      { before, limit: 20 },
    );
    return { items: page.items, next: page.next === null ? null : String(page.next) };
  };
  return (
    <PagedTable
      columns={columns}
      load={load}
      resetKey={`${code}#${version}`}
      rowKey={(r) => r.id}
      caption="Reconciliation reports"
      rowClass={(r) => (r.corrected < r.drifted || (r.missing ?? 0) > 0 ? 'row-trouble' : undefined)}
      empty="No reconciliation has run yet: switch it on in the channel's settings or run it from the channel page."
    />
  );
}
