import { humanize } from '../../format.ts';
import { isUnderWay, statusBadge, type SyncRun } from './run-types.ts';

/** A run's status with a progress meter while it goes, and its counts. */
export function RunProgress({ run }: { run: SyncRun }) {
  const share = run.total ? Math.min(1, run.done / run.total) : null;
  return (
    <div className="run-progress" data-testid={`run-progress-${run.id}`}>
      <span className={`badge ${statusBadge(run.status)}`}>{humanize(run.status)}</span>
      {isUnderWay(run) && run.status === 'running' ? (
        <div className="run-meter">
          <div
            className="meter"
            role="progressbar"
            aria-label={`Run ${run.id} progress`}
            aria-valuemin={0}
            aria-valuemax={run.total ?? undefined}
            aria-valuenow={run.done}
          >
            <div className="meter-fill" style={{ width: share === null ? '8%' : `${Math.round(share * 100)}%` }} />
          </div>
          <span className="muted small">
            {run.done}
            {run.total ? ` of ${run.total}` : ''} records
          </span>
        </div>
      ) : null}
    </div>
  );
}

/** The counts of a run as one short line: what it did to the records it read. */
export function RunCounts({ run }: { run: SyncRun }) {
  return (
    <span className="run-counts">
      {run.done} read · {run.created} new · {run.updated} changed · {run.unchanged} unchanged ·{' '}
      <span className={run.failed ? 'bad' : undefined}>{run.failed} failed</span>
    </span>
  );
}
