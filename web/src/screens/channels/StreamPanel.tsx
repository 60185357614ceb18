import { useState, type ReactNode } from 'react';
import { get, messageOf, post } from '../../api.ts';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { ago } from '../../format.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { healthOf, streams, troubleHealth, type LoginRefusal, type SyncRun } from './channel-types.ts';
import { StreamHealth } from './StreamHealth.tsx';
import { Loading, LoadFailed } from '../../components/LoadState.tsx';

/**
 * Per stream: the last run and a Run now button (operators and admins). A refused login of the channel
 * marks every stream.
 */
export function StreamPanel({ code, login = null }: { code: string; login?: LoginRefusal }) {
  const canRun = useCan('operator');
  const runs = useLoad(() => get<{ items: SyncRun[] }>(`/api/channels/${code}/sync-runs`, { limit: 100 }), [code]);
  const [news, setNews] = useState<{ kind: 'success' | 'error'; text: ReactNode } | null>(null);

  async function runNow(stream: string, label: string) {
    setNews(null);
    try {
      const run = await post<{ runId: number; status: string }>(`/api/channels/${code}/sync/${stream}`);
      setNews({
        kind: 'success',
        text: (
          <>
            {label}: <Link to={`/sync-runs/${run.runId}`}>run {run.runId}</Link> is {run.status}.
          </>
        ),
      });
      runs.reload();
    } catch (error) {
      setNews({ kind: 'error', text: `${label}: ${messageOf(error)}` });
    }
  }

  const last = (stream: string) => (runs.data?.items ?? []).find((r) => r.stream === stream);
  return (
    <Section
      title="Streams"
      description="What Weft pulls from and pushes to AJIO, and how each last went."
      actions={
        <button type="button" onClick={runs.reload}>
          Refresh
        </button>
      }
    >
      {news ? <Notice kind={news.kind}>{news.text}</Notice> : null}
      {runs.error ? <LoadFailed error={runs.error} onRetry={runs.reload} /> : null}
      {/* Without the runs every stream would read "never run": say it is loading, or show only the failure. */}
      {!runs.data && runs.loading ? <Loading /> : null}
      {runs.data ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Stream</th>
              <th scope="col">Last run</th>
              <th scope="col">Started</th>
              {canRun ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {streams.map((s) => {
              const run = last(s.stream);
              const view = run
                ? {
                    stream: run.stream,
                    lastRunId: run.id,
                    status: run.status,
                    at: run.finishedAt ?? run.startedAt ?? run.createdAt,
                    error: run.error,
                    failed: run.failed,
                  }
                : undefined;
              return (
                <tr
                  key={s.stream}
                  className={troubleHealth.includes(healthOf(view, login)) ? 'row-trouble' : undefined}
                >
                  <th scope="row" data-label="Stream">
                    {s.label}
                  </th>
                  <td data-label="Last run">
                    <StreamHealth run={view} login={login} />
                  </td>
                  <td data-label="Started" className="muted">
                    {run ? (
                      <>
                        <Link to={`/sync-runs/${run.id}`}>Run {run.id}</Link> {ago(run.createdAt)} ({run.trigger})
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  {canRun ? (
                    <td data-label="" className="right">
                      <button type="button" onClick={() => void runNow(s.stream, s.label)}>
                        Run {s.label} now
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </Section>
  );
}
