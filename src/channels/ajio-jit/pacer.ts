/**
 * Spaces requests so that at most `perSecond` start in any one-second window — AJIO throttles per
 * seller user, and a refused request costs more than a waited one. A 429's Retry-After pauses
 * everyone sharing the pacer, not only the request that got it.
 */
export class Pacer {
  readonly #intervalMs: number;
  #next = 0;
  #pausedUntil = 0;

  constructor(perSecond: number) {
    this.#intervalMs = 1000 / perSecond;
  }

  async take(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.#next, this.#pausedUntil);
    this.#next = slot + this.#intervalMs;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
  }
}
