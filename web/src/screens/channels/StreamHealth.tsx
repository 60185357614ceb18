import { ago, formatDateTime } from '../../format.ts';
import { healthOf, type Health, type LoginRefusal, type StreamRun } from './channel-types.ts';

const words: Record<Health, string> = {
  ok: 'OK',
  failing: 'Failing',
  stuck: 'Stuck',
  busy: 'In progress',
  never: 'Never run',
  refused: 'Login refused',
};

/**
 * One stream's last run in a cell: its health as a word and a colour, when, and the error if any. A
 * refused login of the channel shows on every stream, with when and why.
 */
export function StreamHealth({ run, login = null }: { run: StreamRun | undefined; login?: LoginRefusal }) {
  const health = healthOf(run, login);
  if (login)
    return (
      <div className={`stream stream-${health}`} title={`Login refused ${formatDateTime(login.at)}`}>
        <span className={`badge badge-${health}`}>{words[health]}</span>
        <span className="muted small"> {ago(login.at)}</span>
        <p className="stream-error">{login.reason}</p>
      </div>
    );
  return (
    <div
      className={`stream stream-${health}`}
      title={run ? `Run ${run.lastRunId}, ${run.status}, ${formatDateTime(run.at)}` : undefined}
    >
      <span className={`badge badge-${health}`}>{words[health]}</span>
      {run ? <span className="muted small"> {ago(run.at)}</span> : null}
      {run?.error ? <p className="stream-error">{run.error}</p> : null}
      {run && !run.error && run.failed > 0 ? <p className="stream-error">{run.failed} record(s) failed</p> : null}
    </div>
  );
}
