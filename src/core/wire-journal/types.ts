/**
 * The wire journal's port: what a channel's HTTP client hands over after each request/answer pair,
 * in neutral terms. The client knows nothing of the database; the core knows nothing of the
 * marketplace. Secrets are the core's to remove (redact.ts) before anything is kept.
 */
export interface WireExchange {
  at: Date;
  /** "METHOD /path" as the marketplace's contract names the call. */
  call: string;
  method: string;
  /** The call's path, without the host (and without any per-channel prefix). */
  path: string;
  query: Record<string, string> | null;
  requestHeaders: Record<string, string> | null;
  requestBody: unknown;
  /** Null when no answer came. */
  status: number | null;
  /** The JSON answer, the text of one that is not JSON, or a summary of a document's bytes. */
  answerBody: unknown;
  durationMs: number;
  /** Why there is no usable answer, in words; null when there is one. */
  error: string | null;
}

export interface WireJournal {
  /**
   * Keeps one exchange. `secrets` are the strings the client holds that must never be kept
   * (password, tokens): they are scrubbed wherever they appear. Never throws and never waits: a
   * journal that cannot write must not slow or break the call.
   */
  record(exchange: WireExchange, secrets: string[]): void;
}
