import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';

/**
 * Waits until a locator matches exactly `n` elements: a list re-read from the server shows its old
 * rows until the new page arrives, so "at least n" would pass too early.
 */
export async function waitForCount(locator: Locator, n: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await locator.count()) === n) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(await locator.count(), n, `${locator} matches ${n} elements`);
}
