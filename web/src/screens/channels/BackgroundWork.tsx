import { get } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { ago } from '../../format.ts';
import { useLoad } from '../../use-load.ts';

interface Health {
  queue: {
    lastWorkerHeartbeat: string | null;
    queues: { name: string; retry: number; failed: number; dead: number }[];
  };
}

/** A worker notes the time every minute; three minutes without it means nothing is being pulled or pushed. */
const silentAfterMs = 3 * 60_000;

/**
 * Whether Weft's background work is alive: the last worker heartbeat and the jobs that failed after
 * every retry. Quiet when all is well; an error notice that says what to do when it is not.
 */
export function BackgroundWork({ tick }: { tick: number }) {
  const { data } = useLoad(() => get<Health>('/health'), [tick]);
  if (!data) return null;
  const beat = data.queue.lastWorkerHeartbeat;
  const silent = !beat || Date.now() - new Date(beat).getTime() > silentAfterMs;
  const dead = data.queue.queues.filter((q) => q.dead > 0 || q.failed > 0);
  return (
    <div data-testid="background-work">
      {silent ? (
        <Notice kind="error">
          {beat ? `No worker has taken jobs since ${ago(beat)}` : 'No worker has taken jobs yet'}: nothing is pulled
          from or pushed to AJIO. Start Weft with <code>weft start</code>, or run a <code>weft worker</code> beside{' '}
          <code>weft api</code>.
        </Notice>
      ) : null}
      {dead.length ? (
        <Notice kind="error">
          Jobs failed after every retry: {dead.map((q) => `${q.name} (${q.dead + q.failed})`).join(', ')}. The logs say
          why; the sync runs and orders they belong to can be retried from their pages.
        </Notice>
      ) : null}
      {!silent && !dead.length ? (
        <p className="muted small">Background work: a worker was last seen {ago(beat)}; no failed jobs.</p>
      ) : null}
    </div>
  );
}
