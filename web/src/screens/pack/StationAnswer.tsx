/**
 * A scan station's answers, big enough to read from arm's length: the last one large (a green tick
 * when accepted, red cross when refused, amber when a carton must be held or the connection is
 * lost), and every earlier one in a list below, newest first, each naming what was scanned.
 */
export type AnswerKind = 'accepted' | 'refused' | 'hold' | 'offline';

export interface Answer {
  kind: AnswerKind;
  title: string;
  message?: string;
  /** Bumped on every answer so the same words twice still flash. */
  seq: number;
}

const icons: Record<AnswerKind, string> = { accepted: '✓', refused: '✕', hold: '!', offline: '⚠' };

export function LastAnswer({ answer }: { answer: Answer | null }) {
  if (!answer) return <div className="cue cue-idle" aria-live="polite" />;
  const urgent = answer.kind !== 'accepted';
  return (
    <div
      key={answer.seq}
      className={`cue cue-${answer.kind}`}
      role={urgent ? 'alert' : 'status'}
      data-testid="pack-cue"
      data-kind={answer.kind}
    >
      <span className="cue-icon" aria-hidden="true">
        {icons[answer.kind]}
      </span>
      <div>
        <p className="cue-title">{answer.title}</p>
        {answer.message ? <p className="cue-message">{answer.message}</p> : null}
      </div>
    </div>
  );
}

/** The answers before the last one, newest first (the station keeps the latest hundred). */
export function AnswerLog({ answers }: { answers: Answer[] }) {
  if (answers.length === 0) return null;
  return (
    <details className="answer-log" open>
      <summary>Answers so far ({answers.length})</summary>
      <ol data-testid="scan-answers" reversed>
        {answers.map((a) => (
          <li key={a.seq} className={`answer-${a.kind}`}>
            <span className="answer-mark" aria-hidden="true">
              {icons[a.kind]}
            </span>{' '}
            {a.title}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Shown while scans wait for the connection: sends them again, in order (the queue keeps them). */
export function RetryWaitingScans({ onRetry }: { onRetry: () => void }) {
  return (
    <button type="button" className="station-retry" onClick={onRetry}>
      Retry the waiting scans
    </button>
  );
}
