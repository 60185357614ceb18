import { useState, type ReactNode } from 'react';
import { messageOf, post } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { useTitle } from '../../router.ts';
import { useCan } from '../../session.tsx';
import { FailedRecords } from './FailedRecords.tsx';
import { RunProgress } from './RunProgress.tsx';
import { statusBadge, streamLabel, type FailedRecord, type SyncRunView } from './run-types.ts';
import { useLiveRun } from './use-live-run.ts';
import './sync-runs.css';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';

type RunPage = SyncRunView & { untried: number };

/** One run: its counts (live while it goes), why it stopped if it did, and its failed records to retry. */
export function SyncRunPage({ id }: { id: number }) {
  const canRetry = useCan('operator');
  const { run, error, refresh } = useLiveRun<RunPage>(id);
  const [news, setNews] = useState<{ kind: 'success' | 'error'; text: ReactNode } | null>(null);
  const [queued, setQueued] = useState<Record<number, number>>({});
  // "Retry all" takes every untried record when its run starts; until then the rows say where they went.
  const [allQueuedIn, setAllQueuedIn] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(run ? `Run ${run.id} · ${streamLabel(run.stream)}` : 'Sync run');

  if (!run) return error ? <LoadFailed error={error} onRetry={refresh} /> : <Loading />;

  async function retry(record?: FailedRecord) {
    setBusy(true);
    setNews(null);
    try {
      const asked = await post<{ runId: number; status: string }>(
        `/api/sync-runs/${id}/retry`,
        record ? { record: record.id } : {},
      );
      const link = <Link to={`/sync-runs/${asked.runId}`}>Run {asked.runId}</Link>;
      setNews({
        kind: 'success',
        text: (
          <>
            {link} is {asked.status}: it retries{' '}
            {record ? `record ${record.recordKey}` : 'every failed record not yet retried'}.
          </>
        ),
      });
      if (record) setQueued((q) => ({ ...q, [record.id]: asked.runId }));
      else setAllQueuedIn(asked.runId);
      refresh();
    } catch (e) {
      setNews({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  const runsOfStream = `/sync-runs?channel=${encodeURIComponent(run.channel)}&stream=${encodeURIComponent(run.stream)}`;
  return (
    <div className="run-page">
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to={runsOfStream}>Sync runs</Link> /{' '}
            <Link to={`/channels/${encodeURIComponent(run.channel)}`}>{run.channel}</Link> · {run.channelName}
          </p>
          <h1>
            Run {run.id} · {streamLabel(run.stream)}{' '}
            <span className={`badge ${statusBadge(run.status)}`} data-testid="run-status">
              {humanize(run.status)}
            </span>
          </h1>
        </div>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {run.error ? <Notice kind="error">The run stopped: {run.error}</Notice> : null}
      {run.status === 'running' ? <RunProgress run={run} /> : null}
      <dl className="facts" data-testid="run-counts">
        <div>
          <dt>Trigger</dt>
          <dd>{run.trigger}</dd>
        </div>
        <div>
          <dt>Asked for</dt>
          <dd>{formatDateTime(run.createdAt)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(run.startedAt)}</dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>{formatDateTime(run.finishedAt)}</dd>
        </div>
        <div>
          <dt>Records read</dt>
          <dd>
            {run.done}
            {run.total !== null ? ` of ${run.total}` : ''}
          </dd>
        </div>
        <div>
          <dt>New</dt>
          <dd>{run.created}</dd>
        </div>
        <div>
          <dt>Changed</dt>
          <dd>{run.updated}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{run.unchanged}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>{run.failed}</dd>
        </div>
      </dl>
      {news ? <Notice kind={news.kind}>{news.text}</Notice> : null}
      <Section
        title="Failed records"
        description={
          run.untried
            ? `${run.untried} failed record(s) not yet retried. A retry reads them again in a new run of this stream.`
            : 'Every failed record of this run has been retried, or none failed.'
        }
        actions={
          canRetry && run.untried > 0 && allQueuedIn === null ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void retry()}>
              Retry all failed
            </button>
          ) : null
        }
      >
        <FailedRecords
          runId={run.id}
          version={`${run.failed}:${run.untried}`}
          canRetry={canRetry}
          queued={queued}
          allQueuedIn={allQueuedIn}
          onRetry={(r) => void retry(r)}
        />
      </Section>
    </div>
  );
}
