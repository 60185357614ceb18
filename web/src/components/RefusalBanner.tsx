export interface Cue {
  kind: 'refused' | 'accepted';
  title: string;
  message?: string;
  /** Bumped on every cue so the same message twice still flashes. */
  seq: number;
}

/**
 * The pack station's answer to a scan, big enough to read from arm's length: a red cross for a
 * refusal (wrong PO, over-scan, box of another PO), a green tick for an accepted scan. No sound: the
 * colour, the icon and the words carry it.
 */
export function RefusalBanner({ cue }: { cue: Cue | null }) {
  if (!cue) return <div className="cue cue-idle" aria-live="polite" />;
  const refused = cue.kind === 'refused';
  return (
    <div
      key={cue.seq}
      className={refused ? 'cue cue-refused' : 'cue cue-accepted'}
      role={refused ? 'alert' : 'status'}
      data-testid="pack-cue"
    >
      <span className="cue-icon" aria-hidden="true">
        {refused ? '✕' : '✓'}
      </span>
      <div>
        <p className="cue-title">{cue.title}</p>
        {cue.message ? <p className="cue-message">{cue.message}</p> : null}
      </div>
    </div>
  );
}
