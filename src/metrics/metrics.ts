import { Registry } from 'prom-client';
import type { Database } from '../db/connect.ts';
import type { QueueState } from '../jobs/runtime.ts';
import { processRegistry } from './process-metrics.ts';
import { createSystemMetrics } from './system-metrics.ts';

/**
 * Weft's /metrics: this process's counters (process-metrics.ts) and the system's gauges read from the
 * database (system-metrics.ts), in the Prometheus text format. Every metric is named weft_*; docs/metrics.md
 * lists them with their labels.
 */
export interface Metrics {
  contentType: string;
  /** The text a scraper gets. */
  render(): Promise<string>;
}

export function createMetrics(options: {
  database: Database;
  queues: () => Promise<QueueState[]>;
  cacheMs?: number;
}): Metrics {
  const system = createSystemMetrics(options);
  const registry = Registry.merge([processRegistry, system.registry]);
  return {
    contentType: registry.contentType,
    async render() {
      await system.refresh();
      return registry.metrics();
    },
  };
}
