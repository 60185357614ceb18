import { Gauge, Registry } from 'prom-client';
import type { Database } from '../db/connect.ts';
import { readSystemGauges, type SystemGauges } from '../core/metrics/system-gauges.ts';
import type { QueueState } from '../jobs/runtime.ts';
import { readPoSlaStates, type PoSlaStateCount } from './po-sla-states.ts';

/**
 * The gauges read from the database at scrape time: the same figures from whichever process is
 * scraped. One read per scrape at most, shared by every gauge, and kept for `cacheMs` so that many
 * scrapers (or a tight scrape interval) cannot put more load on the database than one read per period.
 */
export interface SystemSnapshot {
  gauges: SystemGauges;
  queues: QueueState[];
  poSla: PoSlaStateCount[] | null;
}

export interface SystemMetricsOptions {
  database: Database;
  /** The job queues' state (JobRuntime.state(): pg-boss, or the PGlite adapter's tables). */
  queues: () => Promise<QueueState[]>;
  /** How long one read serves scrapes; default 5 seconds. */
  cacheMs?: number;
}

export const defaultCacheMs = 5000;

export function createSystemMetrics(options: SystemMetricsOptions) {
  const registry = new Registry();
  const cacheMs = options.cacheMs ?? defaultCacheMs;
  let latest: SystemSnapshot | null = null;
  let readAt = 0;
  let reading: Promise<void> | null = null;
  let readOk = false;

  async function read(): Promise<void> {
    try {
      const gauges = await readSystemGauges(options.database);
      const queues = await options.queues();
      const poSla = readPoSlaStates ? await readPoSlaStates(options.database) : null;
      latest = { gauges, queues, poSla };
      readOk = true;
    } catch {
      // The database does not answer: the gauges go quiet and weft_metrics_database_read_ok says so.
      latest = null;
      readOk = false;
    }
    readAt = Date.now();
  }

  /** Brings the snapshot up to date unless it is younger than cacheMs; concurrent scrapes share one read. */
  async function refresh(): Promise<void> {
    if (reading) return reading;
    if (readAt && Date.now() - readAt < cacheMs) return;
    reading = read().finally(() => {
      reading = null;
    });
    return reading;
  }

  /** A gauge whose samples come from the snapshot. */
  function gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    samples: (s: SystemSnapshot) => Array<[Record<L, string>, number]>,
  ) {
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        if (!latest) {
          // No figures: no samples. prom-client's reset() gives a gauge without labels a 0, which would
          // say "no workers" when the truth is "unknown" (test/metrics/system-metrics.test.ts).
          (this as unknown as { hashMap: Record<string, unknown> }).hashMap = {};
          return;
        }
        for (const [labels, value] of samples(latest)) this.set(labels as never, value);
      },
    });
  }

  new Gauge({
    name: 'weft_metrics_database_read_ok',
    help: "1 when the last read of the database's figures for these metrics succeeded, 0 when it failed (the database gauges are then left out).",
    registers: [registry],
    collect() {
      this.set(readOk ? 1 : 0);
    },
  });
  gauge(
    'weft_channel_info',
    'One per channel, 1, with its type, mode (shadow, canary, live) and status (active, paused, disabled).',
    ['channel', 'type', 'mode', 'status'],
    (s) => s.gauges.channels.map((c) => [{ channel: c.channel, type: c.type, mode: c.mode, status: c.status }, 1]),
  );
  gauge(
    'weft_channel_login_refused',
    "1 while the marketplace refuses the channel's login (a changed password, a locked login), else 0.",
    ['channel'],
    (s) => s.gauges.channels.map((c) => [{ channel: c.channel }, c.loginRefused ? 1 : 0]),
  );
  gauge(
    'weft_sync_last_success_age_seconds',
    'Seconds since the last succeeded run of the stream finished; if none has succeeded, seconds since its first run was asked for.',
    ['channel', 'stream'],
    (s) =>
      s.gauges.streams.map((r) => [
        { channel: r.channel, stream: r.stream },
        r.lastSuccessAgeSeconds ?? r.sinceFirstRunSeconds,
      ]),
  );
  gauge(
    'weft_sync_runs_24h',
    'Sync runs asked for in the last 24 hours (at most the latest 5000 per stream), by channel, stream and status (queued, running, succeeded, partial, failed, cancelled, abandoned).',
    ['channel', 'stream', 'status'],
    (s) => s.gauges.runs.map((r) => [{ channel: r.channel, stream: r.stream, status: r.status }, r.count]),
  );
  gauge(
    'weft_sync_records_24h',
    'Records processed by the sync runs of the last 24 hours, by channel, stream and outcome (created, updated, unchanged, failed).',
    ['channel', 'stream', 'outcome'],
    (s) => s.gauges.records.map((r) => [{ channel: r.channel, stream: r.stream, outcome: r.outcome }, r.count]),
  );
  gauge(
    'weft_outbox_items',
    'Pushes to the marketplace not yet done, by channel, kind and status (pending, in_flight, indeterminate).',
    ['channel', 'kind', 'status'],
    (s) => s.gauges.outbox.map((o) => [{ channel: o.channel, kind: o.kind, status: o.status }, o.count]),
  );
  gauge(
    'weft_outbox_oldest_age_seconds',
    'Age of the oldest push not yet done, per channel; 0 when none waits.',
    ['channel'],
    (s) => {
      const ages = new Map(s.gauges.outboxOldest.map((o) => [o.channel, o.ageSeconds]));
      const channels = new Set([...s.gauges.channels.map((c) => c.channel), ...ages.keys()]);
      return [...channels].map((channel) => [{ channel }, ages.get(channel) ?? 0]);
    },
  );
  gauge(
    'weft_inventory_push_lag_seconds',
    "Age of the oldest stock movement (channel's warehouse, a SKU of an active listing) not yet followed by a successful push of that listing or a clean inventory push run; 0 when all are sent.",
    ['channel'],
    (s) => s.gauges.inventoryPushLag.map((p) => [{ channel: p.channel }, p.ageSeconds]),
  );
  gauge(
    'weft_open_purchase_orders',
    'Purchase orders not yet shipped (on hold, open, picking, packed, ready to ship), per channel.',
    ['channel'],
    (s) => s.gauges.openOrders.map((o) => [{ channel: o.channel }, o.count]),
  );
  gauge(
    'weft_open_purchase_order_oldest_age_seconds',
    'Age of the oldest purchase order not yet shipped, from its PO date, per channel; 0 when none.',
    ['channel'],
    (s) => s.gauges.openOrders.map((o) => [{ channel: o.channel }, o.oldestAgeSeconds]),
  );
  gauge(
    'weft_purchase_orders_by_sla_state',
    'Purchase orders whose dispatch SLA clock runs, per channel and state: due, at_risk, breached_target, breached_limit (POs without a PO date are not counted).',
    ['channel', 'state'],
    (s) => (s.poSla ?? []).map((p) => [{ channel: p.channel, state: p.state }, p.count]),
  );
  gauge(
    'weft_job_queue_jobs',
    'Jobs per queue and state: created (waiting), retry (waiting to retry), active, failed, dead (dead-lettered).',
    ['queue', 'state'],
    (s) =>
      s.queues.flatMap((q) =>
        (['created', 'retry', 'active', 'failed', 'dead'] as const).map(
          (state) => [{ queue: q.name, state }, q[state]] as [Record<'queue' | 'state', string>, number],
        ),
      ),
  );
  gauge('weft_workers_live', 'Processes working jobs whose heartbeat is under a minute old.', [], (s) => [
    [{}, s.gauges.liveWorkers],
  ]);

  return { registry, refresh };
}
