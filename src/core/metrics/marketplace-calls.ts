/**
 * The port through which a channel module reports each HTTP call it makes to its marketplace, so the
 * metrics (src/metrics/) can count calls by outcome without the core or the metrics knowing any
 * marketplace's client. A channel module calls reportMarketplaceCall; listeners are in-process only.
 */

/**
 * What became of one call (one HTTP attempt; a retried call counts once per attempt):
 * - ok: a 2xx answer;
 * - throttled: 429, the marketplace's rate limit;
 * - refused: another 4xx (a refused login, a rejected request) or a redirect;
 * - server_error: 5xx;
 * - timeout: no answer in time;
 * - network_error: no connection, or the address was refused by Weft's outbound policy;
 * - bad_answer: an answer whose body could not be read (not JSON where JSON was due).
 */
export const marketplaceCallOutcomes = [
  'ok',
  'throttled',
  'refused',
  'server_error',
  'timeout',
  'network_error',
  'bad_answer',
] as const;
export type MarketplaceCallOutcome = (typeof marketplaceCallOutcomes)[number];

export interface MarketplaceCall {
  /** The channel code the call was made for. */
  channel: string;
  /** GET, POST, PUT… */
  method: string;
  outcome: MarketplaceCallOutcome;
}

type Listener = (call: MarketplaceCall) => void;
const listeners = new Set<Listener>();

/** Listens to every call reported in this process; returns the function that stops listening. */
export function onMarketplaceCall(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reports one call. A listener that throws is ignored: counting must never break a call. */
export function reportMarketplaceCall(call: MarketplaceCall): void {
  for (const listener of listeners) {
    try {
      listener(call);
    } catch {
      // metrics are best-effort
    }
  }
}
