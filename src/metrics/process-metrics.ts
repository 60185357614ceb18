import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { onMarketplaceCall } from '../core/metrics/marketplace-calls.ts';

/**
 * The metrics each process counts in its own memory: HTTP requests it answered and marketplace calls
 * it made. They reset when the process restarts (Prometheus' rate() and increase() allow for that), and
 * a scrape sees only the process it reaches — so scrape every process (WEFT_METRICS_ADDRESS in each
 * worker) and sum over them. Everything read from the database is in system-metrics.ts instead.
 */
export const processRegistry = new Registry();

/** prom-client's standard process_* and nodejs_* metrics: CPU, memory, event-loop lag, GC, of this process. */
collectDefaultMetrics({ register: processRegistry });

/** Route patterns only (never the URL as sent), so the label set stays as small as the route table. */
export const httpRequestDuration = new Histogram({
  name: 'weft_http_request_duration_seconds',
  help: 'Time to answer HTTP requests, by route pattern, method and status class (this process).',
  labelNames: ['route', 'method', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [processRegistry],
});

export const marketplaceCalls = new Counter({
  name: 'weft_marketplace_calls_total',
  help: 'HTTP calls to the marketplace API, each attempt counted, by channel, method and outcome (this process).',
  labelNames: ['channel', 'method', 'outcome'] as const,
  registers: [processRegistry],
});

export const marketplaceThrottled = new Counter({
  name: 'weft_marketplace_throttled_total',
  help: 'Marketplace answers 429 (rate limited), by channel (this process).',
  labelNames: ['channel'] as const,
  registers: [processRegistry],
});

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A method as a label: one of the known ones, or OTHER, so a client cannot mint label values. */
export const methodLabel = (method: string) => (knownMethods.has(method) ? method : 'OTHER');

onMarketplaceCall((call) => {
  const method = methodLabel(call.method);
  marketplaceCalls.inc({ channel: call.channel, method, outcome: call.outcome });
  if (call.outcome === 'throttled') marketplaceThrottled.inc({ channel: call.channel });
});
