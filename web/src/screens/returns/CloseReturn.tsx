import { useState } from 'react';
import { post } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { useSubmit } from '../../use-submit.ts';
import { unitsLeft, type CloseOutcome, type ReturnDetail } from './return-types.ts';

/**
 * Closing ends a return for good. With units still not received, it asks once more, since closing
 * reports them missing and nothing more can be scanned on the return.
 */
export function CloseReturn({ ret, onClosed }: { ret: ReturnDetail; onClosed(outcome: CloseOutcome): void }) {
  const [confirming, setConfirming] = useState(false);
  const closing = useSubmit([]);
  const outstanding = ret.lines.reduce((a, l) => a + unitsLeft(l), 0);

  const close = () =>
    closing.run(async () => {
      onClosed(await post<CloseOutcome>(`/api/returns/${ret.id}/close`, {}));
      setConfirming(false);
    });

  return (
    <>
      {closing.failure ? <Notice kind="error">{closing.failure}</Notice> : null}
      {confirming ? (
        <div className="notice notice-info confirm-bar" role="status">
          <span>
            {outstanding} unit{outstanding === 1 ? ' has' : 's have'} not been received: closing reports{' '}
            {outstanding === 1 ? 'it' : 'them'} missing.
          </span>
          <button type="button" className="danger" disabled={closing.busy} onClick={() => void close()}>
            Close with {outstanding} missing
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep receiving
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={closing.busy}
          onClick={() => (outstanding > 0 ? setConfirming(true) : void close())}
        >
          Close return
        </button>
      )}
    </>
  );
}

/** What closing did: units back to stock, damaged, and missing. */
export function ClosedSummary({ outcome }: { outcome: CloseOutcome }) {
  return (
    <Notice kind="success">
      Return {outcome.return.externalId} is closed: {outcome.received.good} good (back to stock), {outcome.received.bad}{' '}
      bad (damaged)
      {outcome.missing.length ? (
        <>, and missing: {outcome.missing.map((m) => `${m.sku} × ${m.units}`).join(', ')}.</>
      ) : (
        ', nothing missing.'
      )}
      {outcome.creditNote ? (
        <> Credit note {outcome.creditNote.noteNumber} credits what came back against the invoice.</>
      ) : null}
      {outcome.creditNoteProblem ? <> Its credit note is not finished yet: {outcome.creditNoteProblem}</> : null}
    </Notice>
  );
}
