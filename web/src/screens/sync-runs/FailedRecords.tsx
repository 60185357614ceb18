import { get } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { formatDateTime } from '../../format.ts';
import type { FailedRecord } from './run-types.ts';

interface FailedRecordsProps {
  runId: number;
  /** Changes when the records may have changed (more failed, or a retry took some), to read them again. */
  version: string;
  canRetry: boolean;
  /** Retries asked for from this page and not yet taken by their run: record id → the retry run. */
  queued: Record<number, number>;
  /** The run that "Retry all" started, which takes every record not retried yet. */
  allQueuedIn: number | null;
  onRetry(record: FailedRecord): void;
}

/** The records a run could not process: the record, AJIO's or Weft's message, its payload, and retry. */
export function FailedRecords({ runId, version, canRetry, queued, allQueuedIn, onRetry }: FailedRecordsProps) {
  const load = (after: string | undefined) =>
    get<Page<FailedRecord>>(`/api/sync-runs/${runId}/records`, { after, limit: 50 });
  const columns: Column<FailedRecord>[] = [
    { header: 'Record', cell: (r) => <span className="record-key">{r.recordKey}</span> },
    { header: 'What went wrong', cell: (r) => <span className="record-message">{r.message ?? 'No message'}</span> },
    {
      header: 'Payload',
      cell: (r) =>
        r.payload === null || r.payload === undefined ? (
          <span className="muted">—</span>
        ) : (
          <details className="record-payload">
            <summary>As AJIO sent it</summary>
            <pre>{JSON.stringify(r.payload, null, 2)}</pre>
          </details>
        ),
    },
    {
      header: 'Retry',
      className: 'right',
      cell: (r) => {
        if (r.retriedAt) return <span className="muted small">Retried {formatDateTime(r.retriedAt)}</span>;
        const run = queued[r.id] ?? allQueuedIn;
        if (run)
          return (
            <span className="small">
              Queued in <Link to={`/sync-runs/${run}`}>run {run}</Link>
            </span>
          );
        return canRetry ? (
          <button type="button" aria-label={`Retry record ${r.recordKey}`} onClick={() => onRetry(r)}>
            Retry
          </button>
        ) : (
          <span className="muted small">Not retried</span>
        );
      },
    },
  ];
  return (
    <PagedTable
      columns={columns}
      load={load}
      resetKey={version}
      rowKey={(r) => r.id}
      caption="Failed records"
      rowClass={(r) => (r.retriedAt ? 'row-done' : undefined)}
      empty="No record failed in this run."
    />
  );
}
