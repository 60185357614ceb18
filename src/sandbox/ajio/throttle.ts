// Per-user throttle: at most N requests in any one-second window (a sliding window kept as
// a ring of the last N request times). Over the limit: 429 with Retry-After in whole seconds.
export class Throttle {
  private readonly rings = new Map<string, { times: Float64Array; next: number }>();

  constructor(public limit: number | false) {}

  /** 0 if the request may go ahead (and is counted), else the seconds to wait (>= 1). */
  check(user: string, nowMs: number): number {
    if (this.limit === false) return 0;
    let ring = this.rings.get(user);
    if (!ring || ring.times.length !== this.limit) {
      ring = { times: new Float64Array(this.limit).fill(-Infinity), next: 0 };
      this.rings.set(user, ring);
    }
    const oldest = ring.times[ring.next];
    if (nowMs - oldest < 1000) return Math.max(1, Math.ceil((oldest + 1000 - nowMs) / 1000));
    ring.times[ring.next] = nowMs;
    ring.next = (ring.next + 1) % this.limit;
    return 0;
  }

  reset(): void {
    this.rings.clear();
  }
}
