/**
 * A one-line progress bar for long runs on a terminal; on anything else (a log file, CI) it prints a
 * plain line at most every few seconds, so logs stay readable.
 */
export class ProgressBar {
  readonly #stream: NodeJS.WriteStream;
  readonly #label: string;
  #lastPlain = 0;

  constructor(label: string, stream: NodeJS.WriteStream = process.stderr) {
    this.#label = label;
    this.#stream = stream;
  }

  update(done: number, total: number | null, detail: string): void {
    const ratio = total ? Math.min(1, done / total) : null;
    if (this.#stream.isTTY) {
      const width = 30;
      const filled = ratio === null ? 0 : Math.round(ratio * width);
      const bar = ratio === null ? '·'.repeat(width) : '█'.repeat(filled) + '░'.repeat(width - filled);
      const figures = total ? `${done}/${total}` : `${done}`;
      this.#stream.write(`\r${this.#label} ${bar} ${figures} ${detail}\x1b[K`);
      return;
    }
    if (Date.now() - this.#lastPlain >= 5000) {
      this.#lastPlain = Date.now();
      this.#stream.write(`${this.#label}: ${done}${total ? `/${total}` : ''} ${detail}\n`);
    }
  }

  finish(line: string): void {
    this.#stream.write(`${this.#stream.isTTY ? '\r\x1b[K' : ''}${line}\n`);
  }
}
