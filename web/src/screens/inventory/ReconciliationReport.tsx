import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { useLoad } from '../../use-load.ts';
import { signed, type Drift, type ReportRowKind, type ReportSummary } from './inventory-types.ts';
import './inventory.css';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';

const driftColumns: Column<Drift>[] = [
  { header: 'AJIO SKU', cell: (d) => d.channelSku },
  { header: 'Weft SKU', cell: (d) => d.sku ?? '—' },
  { header: 'Weft figure', cell: (d) => d.weftQty, className: 'num' },
  { header: 'AJIO figure', cell: (d) => d.marketplaceQty ?? 'not listed', className: 'num' },
  {
    header: 'Difference',
    cell: (d) => (d.marketplaceQty === null ? '—' : signed(d.marketplaceQty - d.weftQty)),
    className: 'num',
  },
  {
    header: 'Action',
    cell: (d) =>
      d.corrected ? (
        <span className="badge badge-ok">Corrected to {d.weftQty}</span>
      ) : (
        <>
          <span className="badge badge-failing">Not corrected</span> {d.message}
        </>
      ),
  },
];

/** Listings AJIO no longer lists: Weft's figure only, and what the seller has to do, since Weft cannot. */
const missingColumns: Column<Drift>[] = [
  { header: 'AJIO SKU', cell: (d) => d.channelSku },
  { header: 'Weft SKU', cell: (d) => d.sku ?? '—' },
  { header: 'Weft figure', cell: (d) => d.weftQty, className: 'num' },
  { header: 'AJIO figure', cell: () => 'not listed', className: 'num' },
  // The row's message is the same for every missing SKU and the section says it in full: a short cue keeps rows readable.
  {
    header: 'What to do',
    cell: () => (
      <>
        <span className="badge badge-failing">Missing at AJIO</span> Check the listing in AJIO's seller panel
      </>
    ),
  },
];

/**
 * One reconciliation: every SKU whose AJIO figure differed from Weft's and what Weft did about it, and
 * apart from those, the mapped SKUs AJIO no longer lists at all, which only the seller can resolve.
 */
export function ReconciliationReport({ id }: { id: number }) {
  useTitle(`Reconciliation report ${id}`);
  const report = useLoad(() => get<ReportSummary>(`/api/reconciliation-reports/${id}`, { limit: 1 }), [id]);
  const loader =
    (kind: ReportRowKind) =>
    async (after: string | undefined): Promise<Page<Drift>> => {
      const page = await get<{ drifts: Drift[]; next: number | null }>(`/api/reconciliation-reports/${id}`, {
        after,
        limit: 100,
        kind,
      });
      return { items: page.drifts, next: page.next === null ? null : String(page.next) };
    };

  if (report.error) return <LoadFailed error={report.error} onRetry={report.reload} />;
  const r = report.data;
  if (!r) return <Loading />;
  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/channels">Manage Channels</Link> /{' '}
            <Link to={`/channels/${encodeURIComponent(r.channel)}/inventory`}>{r.channel} inventory</Link>
          </p>
          <h1>Reconciliation report {r.id}</h1>
        </div>
        <div className="actions">
          <a className="button" href={`/api/reconciliation-reports/${r.id}.csv`} download>
            Download CSV
          </a>
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>Date</dt>
          <dd>{formatDateTime(r.createdAt)}</dd>
        </div>
        <div>
          <dt>SKUs compared</dt>
          <dd>{r.compared}</dd>
        </div>
        <div>
          <dt>Drifted</dt>
          <dd>{r.drifted}</dd>
        </div>
        <div>
          <dt>Corrected</dt>
          <dd>{r.corrected}</dd>
        </div>
        <div>
          <dt>Missing at AJIO</dt>
          <dd>{r.missing ?? 'not checked'}</dd>
        </div>
        {r.runId ? (
          <div>
            <dt>Run</dt>
            <dd>
              <Link to={`/sync-runs/${r.runId}`}>{r.runId}</Link>
            </dd>
          </div>
        ) : null}
      </dl>
      <Section title="Drift" description="Difference = AJIO's figure − Weft's. Weft corrects AJIO to its own figure.">
        <PagedTable
          columns={driftColumns}
          load={loader('drift')}
          resetKey={String(id)}
          rowKey={(d) => d.id}
          caption="Drifted SKUs"
          rowClass={(d) => (d.corrected ? undefined : 'row-trouble')}
          empty="No drift: AJIO's figures matched Weft's for every SKU compared."
        />
      </Section>
      <Section
        title="Missing at AJIO"
        description="Mapped SKUs Weft pushes stock for that AJIO no longer lists, so that stock is not on sale there. Check each in AJIO's seller panel (unpublished, blocked or removed?) and have it restored there: Weft cannot create JIT listings, so it pushes no correction. Listings the SKU pull has already made inactive are not repeated here."
      >
        {r.missing === null ? (
          <p className="muted">
            Not checked in this reconciliation: AJIO's catalogue was not read to the end, so a listing not seen could
            simply not have been reached.
          </p>
        ) : (
          <PagedTable
            columns={missingColumns}
            load={loader('missing')}
            resetKey={String(id)}
            rowKey={(d) => d.id}
            caption="SKUs missing at AJIO"
            rowClass={() => 'row-trouble'}
            empty="None: AJIO lists every active mapped SKU."
          />
        )}
      </Section>
    </>
  );
}
