// The sandbox clock: real time plus an offset that only the control API moves.
// Token lifetimes, login locks, PO schedules and deliveries all read this clock,
// so a test can jump 31 minutes ahead instead of waiting.
export class SandboxClock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Epoch seconds (integer), the unit of every time on the wire. */
  nowSec(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  get offsetSeconds(): number {
    return Math.round(this.offsetMs / 1000);
  }

  set offsetSeconds(value: number) {
    this.offsetMs = value * 1000;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('advanceSeconds must be a non-negative number');
    this.offsetMs += seconds * 1000;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
