/**
 * The scan stations' queue: a hardware scanner types a code and presses Enter, as fast as 10 ms
 * apart, and every scan must be answered, in the order it was made. Each item waits for the one
 * before it (its meaning depends on what that one changed: a PO opened, a box closed), nothing is
 * dropped while an answer is on its way, and when the server cannot be reached the item stays at the
 * head of the queue, with everything after it, until the next scan or a retry sends it again.
 * Pure TypeScript, no React: the stations keep it in a ref and redraw from `onChange`.
 */
export interface ScanQueueSnapshot {
  /** Items not answered yet, the one being answered first. */
  pending: number;
  /** The head item failed to reach the server; it waits for `retry()` or the next `push()`. */
  offline: boolean;
}

export interface ScanQueueOptions<T> {
  /** Answers one item. Throws to refuse it (the item is reported to onError and leaves the queue). */
  handle(item: T): Promise<void>;
  /** Whether a thrown error means the server was not reached: then the item is kept, not answered. */
  isOffline(error: unknown): boolean;
  /** A refused item (any error that is not offline); the queue goes on with the next. */
  onError(item: T, error: unknown): void;
  /** The head item could not be sent: it stays queued. */
  onOffline?(item: T, error: unknown): void;
  onChange?(snapshot: ScanQueueSnapshot): void;
}

export class ScanQueue<T> {
  private readonly items: T[] = [];
  private running = false;
  private offline = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly options: ScanQueueOptions<T>) {}

  /** Queues an item; a queue held by a lost connection tries its head again first. */
  push(item: T): void {
    this.items.push(item);
    this.offline = false;
    this.changed();
    void this.drain();
  }

  /** Sends the held head item again (after a lost connection). */
  retry(): void {
    if (!this.offline) return;
    this.offline = false;
    this.changed();
    void this.drain();
  }

  /** Forgets every item not yet being answered (the station was left or reset). */
  clear(): void {
    this.items.splice(this.running ? 1 : 0);
    this.changed();
  }

  snapshot(): ScanQueueSnapshot {
    return { pending: this.items.length, offline: this.offline };
  }

  /** Items not answered yet, oldest first. */
  waiting(): readonly T[] {
    return [...this.items];
  }

  /** Resolves when every item is answered, or the queue is held by a lost connection. */
  settled(): Promise<void> {
    if (!this.running && (this.items.length === 0 || this.offline)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async drain() {
    if (this.running) return;
    this.running = true;
    try {
      while (this.items.length > 0 && !this.offline) {
        const item = this.items[0];
        try {
          await this.options.handle(item);
          this.items.shift();
        } catch (error) {
          if (this.options.isOffline(error)) {
            this.offline = true;
            this.options.onOffline?.(item, error);
          } else {
            this.items.shift();
            this.options.onError(item, error);
          }
        }
        this.changed();
      }
    } finally {
      this.running = false;
      this.changed();
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
  }

  private changed() {
    this.options.onChange?.(this.snapshot());
  }
}
