import { useEffect, useState } from 'react';
import { get, messageOf } from '../../api.ts';
import { isUnderWay, type SyncRun } from './run-types.ts';

/** How often a run still queued or running is read again: often enough to watch a pull move. */
export const pollMs = 1000;

/**
 * A run kept up to date while it is queued or running, then left alone. `initial` (a row of a list)
 * saves the first read; without it the run is read at once. `refresh` reads it again (and polls again
 * if a retry put it back under way).
 */
export function useLiveRun<T extends SyncRun>(
  id: number,
  initial?: T,
): { run: T | undefined; error: string | null; refresh(): void } {
  const [run, setRun] = useState<T | undefined>(initial);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `initial` only seeds the first read; a new id or a refresh starts over.
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      get<T>(`/api/sync-runs/${id}`).then(
        (r) => {
          if (!live) return;
          setRun(r);
          setError(null);
          if (isUnderWay(r)) timer = setTimeout(read, pollMs);
        },
        (e: unknown) => {
          if (!live) return;
          setError(messageOf(e));
          // Still worth watching: the network may come back while the run goes on.
          timer = setTimeout(read, pollMs * 5);
        },
      );
    };
    if (!initial || tick > 0) read();
    else if (isUnderWay(initial)) timer = setTimeout(read, pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, tick]);

  return { run, error, refresh: () => setTick((t) => t + 1) };
}
