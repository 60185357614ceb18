import { useState } from 'react';
import { get, withQuery } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PagedTable, type Column, type Page } from '../../components/PagedTable.tsx';
import { codeOptions, Select } from '../../components/Select.tsx';
import { formatDateTime } from '../../format.ts';
import { navigate, useTitle } from '../../router.ts';
import { useChannelFilter } from '../../use-channel-filter.ts';
import { RunCounts, RunProgress } from './RunProgress.tsx';
import { isTrouble, streamLabel, streamLabels, type SyncRun } from './run-types.ts';
import { useLiveRun } from './use-live-run.ts';
import './sync-runs.css';
import { LoadFailed } from '../../components/LoadState.tsx';

/** One row's status and counts, read again while the run is under way. */
function LiveStatus({ row }: { row: SyncRun }) {
  const { run = row } = useLiveRun(row.id, row);
  return (
    <>
      <RunProgress run={run} />
      <RunCounts run={run} />
      {run.finishedAt ? <p className="muted small">Finished {formatDateTime(run.finishedAt)}</p> : null}
      {run.error ? <p className="stream-error">{run.error}</p> : null}
    </>
  );
}

const columns: Column<SyncRun>[] = [
  { header: 'Run', cell: (r) => <Link to={`/sync-runs/${r.id}`}>Run {r.id}</Link> },
  { header: 'Stream', cell: (r) => streamLabel(r.stream) },
  { header: 'Trigger', cell: (r) => r.trigger },
  { header: 'Started', cell: (r) => formatDateTime(r.startedAt ?? r.createdAt) },
  { header: 'Status and counts', cell: (r) => <LiveStatus row={r} /> },
];

const streamOptions = Object.entries(streamLabels).map(([value, label]) => ({ value, label }));

/** Outcomes to narrow the runs to; the first is every run that needs a look. */
const outcomeOptions = [
  { value: 'failed,partial,abandoned', label: 'Needs a look (failed, partial, abandoned)' },
  { value: 'failed', label: 'Failed' },
  { value: 'partial', label: 'Partial' },
  { value: 'abandoned', label: 'Abandoned' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'running', label: 'Running' },
  { value: 'queued', label: 'Queued' },
];

interface RunFilter {
  channel: string;
  stream: string;
  status: string;
}

/**
 * Sync runs of one channel, newest first, optionally of one stream and of some outcomes (failures
 * only, say); runs under way show their progress live. Without a channel in the URL, the first
 * channel is shown. The filter is kept in the URL.
 */
export function SyncRuns({ query }: { query: URLSearchParams }) {
  useTitle('Sync runs');
  const channel = query.get('channel') ?? '';
  const stream = query.get('stream') ?? '';
  const status = query.get('status') ?? '';
  const channels = useChannelFilter('/sync-runs', { channel, stream, status });
  const [refreshes, setRefreshes] = useState(0);

  const show = (change: Partial<RunFilter>) =>
    navigate(withQuery('/sync-runs', { channel, stream, status, ...change }));
  const load = (after: string | undefined) =>
    get<Page<SyncRun>>(`/api/channels/${encodeURIComponent(channel)}/sync-runs`, {
      stream,
      status,
      after,
      limit: 25,
    });

  return (
    <>
      <div className="page-head">
        <h1>Sync runs</h1>
        <div className="actions">
          {channel ? (
            <Link to={`/channels/${encodeURIComponent(channel)}`} className="button">
              Channel {channel}
            </Link>
          ) : null}
          <button type="button" onClick={() => setRefreshes((n) => n + 1)}>
            Refresh
          </button>
        </div>
      </div>
      {channels.error ? <LoadFailed error={channels.error} onRetry={channels.reload} /> : null}
      {channels.data && channels.data.items.length === 0 ? (
        <Notice kind="info">There are no channels yet: add one under Manage Channels.</Notice>
      ) : null}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Select
          label="Channel"
          name="channel"
          value={channel}
          onChange={(c) => show({ channel: c })}
          options={codeOptions(channels.data?.items)}
        />
        <Select
          label="Stream"
          name="stream"
          value={stream}
          empty="All streams"
          options={streamOptions}
          onChange={(s) => show({ stream: s })}
        />
        <Select
          label="Outcome"
          name="status"
          value={status}
          empty="All outcomes"
          options={outcomeOptions}
          onChange={(o) => show({ status: o })}
        />
      </form>
      {channel ? (
        <PagedTable
          columns={columns}
          load={load}
          resetKey={JSON.stringify({ channel, stream, status, refreshes })}
          rowKey={(r) => r.id}
          caption="Sync runs"
          rowClass={(r) => (isTrouble(r.status) ? 'row-trouble' : undefined)}
          empty={
            stream || status
              ? 'No runs match this stream and outcome.'
              : 'No runs yet. Start one with Run now on the channel page.'
          }
        />
      ) : null}
    </>
  );
}
