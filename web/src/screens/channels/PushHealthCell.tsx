import { ago } from '../../format.ts';
import { pushesInTrouble, type PushHealth } from './channel-types.ts';

/** The pushes a channel still owes AJIO, in a cell: nothing, some waiting, or some failing again and again. */
export function PushHealthCell({ pushes }: { pushes: PushHealth }) {
  if (pushes.waiting === 0)
    return (
      <span className="badge badge-ok" data-testid="pushes">
        Nothing waiting
      </span>
    );
  const trouble = pushesInTrouble(pushes);
  return (
    <div data-testid="pushes">
      <span className={`badge ${trouble ? 'badge-failing' : 'badge-busy'}`}>{pushes.waiting} waiting</span>
      <span className="muted small"> since {ago(pushes.oldestWaitingSince)}</span>
      {pushes.retrying > 0 && pushes.lastError ? (
        <p className="stream-error">
          {pushes.retrying} retrying: {pushes.lastError}
        </p>
      ) : null}
    </div>
  );
}
