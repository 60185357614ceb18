import { useCallback, useEffect, useState } from 'react';
import { messageOf } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * Loads once per change of `deps`, keeps the last data while reloading, and turns failures into a message.
 * A screen tells the states apart with components/LoadState.tsx: `loading` with no data yet is "Loading…",
 * `error` is only the reason with Retry (`reload`), and "nothing here" only when `data` came back empty.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on in `deps`; `load` itself is new on every render.
  useEffect(() => {
    let live = true;
    setLoading(true);
    // A new attempt: its outcome, not the last one's, is what the screen says.
    setError(null);
    load()
      .then(
        (d) => {
          if (live) {
            setData(d);
            setError(null);
          }
        },
        (e: unknown) => {
          if (live) setError(messageOf(e));
        },
      )
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
