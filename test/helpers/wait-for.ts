/** Pauses a test for `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it gives a truthy value and returns it; fails naming `what` at the deadline, so a
 * state that never comes is a clear failure instead of a hang.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await sleep(everyMs);
  }
  throw new Error(`Timed out waiting for ${what}.`);
}
