import type { Database } from '../../db/connect.ts';

/**
 * What the metrics read from the database at scrape time: state every process shares, so whichever
 * process serves /metrics reports the whole system (workers included). One set of queries per read;
 * the caller (src/metrics/) caches the result for a few seconds so scrapes cannot load the database.
 * Every value is an age in seconds or a count, computed by the database's own clock (`now()`).
 */
export interface SystemGauges {
  channels: Array<{ channel: string; type: string; mode: string; status: string; loginRefused: boolean }>;
  /** Per channel and stream that has runs: seconds since the last succeeded run finished, null if none has. */
  streams: Array<{
    channel: string;
    stream: string;
    lastSuccessAgeSeconds: number | null;
    sinceFirstRunSeconds: number;
  }>;
  /** Sync runs asked for in the last 24 hours, by channel, stream and status. */
  runs: Array<{ channel: string; stream: string; status: string; count: number }>;
  /** Records processed by those runs, by outcome (created, updated, unchanged, failed); every outcome of a stream with recent runs. */
  records: Array<{ channel: string; stream: string; outcome: string; count: number }>;
  /** Outbox items not yet done (pending, in flight, indeterminate), by channel, kind and status. */
  outbox: Array<{ channel: string; kind: string; status: string; count: number }>;
  /** Per channel, the age of the oldest outbox item not yet done. */
  outboxOldest: Array<{ channel: string; ageSeconds: number }>;
  /** Per channel, the age of the oldest stock movement its listings have not had pushed yet (0: none). */
  inventoryPushLag: Array<{ channel: string; ageSeconds: number }>;
  /** Per channel, open purchase orders (not shipped, delivered or cancelled) and the oldest one's age by PO date. */
  openOrders: Array<{ channel: string; count: number; oldestAgeSeconds: number }>;
  /** Worker processes whose heartbeat is under a minute old. */
  liveWorkers: number;
}

/** The stream whose runs push stock figures to the marketplace (the inventory push writes listing_inventory). */
export const inventoryPushStream = 'inventory';

/** Order statuses that still owe the marketplace a dispatch. */
const openOrderStatuses = ['on_hold', 'open', 'picking', 'packed', 'ready_to_ship'];

/**
 * Run outcomes are counted over the last 24 hours, from at most this many latest runs per stream, so a
 * read costs the same after a year of runs as after a day (a stream runs every few minutes: ~300 a day).
 */
export const recentRunsLimit = 5000;

/** Channel code of an outbox item without a channel. */
export const noChannel = '';

const num = (v: unknown) => Number(v ?? 0);

export async function readSystemGauges(database: Database): Promise<SystemGauges> {
  const channels = await database.query<{
    code: string;
    type: string;
    mode: string;
    status: string;
    refused: boolean;
  }>('select code, type, mode, status, login_refused_at is not null as refused from channels order by code');

  // Runs per channel and stream, at a cost that does not grow with the history (sync_runs is never
  // pruned): the pairs by a skip scan of the (channel_id, stream, id desc) index, then per pair the
  // last success and the first run by that index, and the outcomes of its recent runs only.
  const runs = await database.query<{
    channel: string;
    stream: string;
    status: string | null;
    n: number;
    created: string | null;
    updated: string | null;
    unchanged: string | null;
    failed: string | null;
    last_success_age: number | null;
    first_run_age: number;
  }>(
    `with recursive pairs as (
       (select channel_id, stream from sync_runs order by channel_id, stream limit 1)
       union all
       select n.channel_id, n.stream from pairs p cross join lateral (
         select r.channel_id, r.stream from sync_runs r
         where (r.channel_id, r.stream) > (p.channel_id, p.stream)
         order by r.channel_id, r.stream limit 1
       ) n
     )
     select c.code as channel, p.stream, w.status, coalesce(w.n, 0)::int as n,
            w.created::text, w.updated::text, w.unchanged::text, w.failed::text,
            extract(epoch from now() - ls.finished_at)::float8 as last_success_age,
            extract(epoch from now() - fr.created_at)::float8 as first_run_age
     from pairs p
     join channels c on c.id = p.channel_id
     left join lateral (
       select r.finished_at from sync_runs r
       where r.channel_id = p.channel_id and r.stream = p.stream and r.status = 'succeeded'
       order by r.id desc limit 1
     ) ls on true
     left join lateral (
       select r.created_at from sync_runs r where r.channel_id = p.channel_id and r.stream = p.stream
       order by r.id asc limit 1
     ) fr on true
     left join lateral (
       select recent.status, count(*) as n, sum(recent.created) as created, sum(recent.updated) as updated,
              sum(recent.unchanged) as unchanged, sum(recent.failed) as failed
       from (
         select r.status, r.created, r.updated, r.unchanged, r.failed, r.created_at from sync_runs r
         where r.channel_id = p.channel_id and r.stream = p.stream
         order by r.id desc limit $1
       ) recent
       where recent.created_at > now() - interval '24 hours'
       group by recent.status
     ) w on true
     order by c.code, p.stream, w.status`,
    [recentRunsLimit],
  );

  const outbox = await database.query<{ channel: string | null; kind: string; status: string; n: number; age: number }>(
    `select c.code as channel, o.kind, o.status, count(*)::int as n,
            extract(epoch from now() - min(o.created_at))::float8 as age
     from outbox o left join channels c on c.id = o.channel_id
     where o.status in ('pending', 'in_flight', 'indeterminate')
     group by c.code, o.kind, o.status order by c.code, o.kind, o.status`,
  );

  // A listing's stock is sent once it was pushed successfully after the change, or a push run that
  // looked at every listing finished with no failure after it (that run found the figure unchanged
  // or sent it). So only stock levels changed after the channel's last clean push run can be unsent:
  // those are found first (inventory_levels.updated_at), then their listings, then the oldest such
  // change in the ledger by its (warehouse, sku) index. A change stamped the same instant as the push
  // counts as unsent: the clock's resolution cannot tell which came first.
  const pushLag = await database.query<{ channel: string; age: number | null }>(
    `with last_push as (
       select c.id as channel_id, c.warehouse_id, r.started_at as at
       from channels c left join lateral (
         select started_at from sync_runs r
         where r.channel_id = c.id and r.stream = $1 and r.status = 'succeeded'
         order by r.id desc limit 1
       ) r on true
     ),
     changed as materialized (
       select p.channel_id, p.warehouse_id, il.sku_id, il.updated_at, p.at as clean_run_at
       from last_push p
       join inventory_levels il on il.warehouse_id = p.warehouse_id
         and il.updated_at >= coalesce(p.at, '-infinity')
     ),
     stale as (
       select ch.channel_id, ch.warehouse_id, ch.sku_id,
              greatest(case when li.status = 'success' then li.pushed_at end, ch.clean_run_at) as sent_at
       from changed ch
       join lateral (
         select l.id from channel_listings l
         where l.sku_id = ch.sku_id and l.channel_id = ch.channel_id and l.active
       ) l on true
       left join listing_inventory li on li.listing_id = l.id
       where ch.updated_at >= coalesce(greatest(case when li.status = 'success' then li.pushed_at end, ch.clean_run_at), '-infinity')
     )
     select c.code as channel,
            extract(epoch from now() - min(fm.at))::float8 as age
     from channels c
     left join stale s on s.channel_id = c.id
     left join lateral (
       select min(m.created_at) as at from inventory_movements m
       where m.warehouse_id = s.warehouse_id and m.sku_id = s.sku_id
         and m.created_at >= coalesce(s.sent_at, '-infinity')
     ) fm on true
     group by c.code order by c.code`,
    [inventoryPushStream],
  );

  const openOrders = await database.query<{ channel: string; n: number; age: number | null }>(
    `select c.code as channel, count(o.id)::int as n,
            extract(epoch from now() - min(coalesce(o.po_date, o.created_at)))::float8 as age
     from channels c left join orders o on o.channel_id = c.id and o.status = any($1::text[])
     group by c.code order by c.code`,
    [openOrderStatuses],
  );

  const workers = await database.query<{ n: number }>(
    "select count(*)::int as n from weft_workers where last_seen_at > now() - interval '1 minute'",
  );

  return shape(channels.rows, runs.rows, outbox.rows, pushLag.rows, openOrders.rows, num(workers.rows[0]?.n));
}

function shape(
  channels: Array<{ code: string; type: string; mode: string; status: string; refused: boolean }>,
  runs: Array<{
    channel: string;
    stream: string;
    status: string | null;
    n: number;
    created: string | null;
    updated: string | null;
    unchanged: string | null;
    failed: string | null;
    last_success_age: number | null;
    first_run_age: number;
  }>,
  outbox: Array<{ channel: string | null; kind: string; status: string; n: number; age: number }>,
  pushLag: Array<{ channel: string; age: number | null }>,
  openOrders: Array<{ channel: string; n: number; age: number | null }>,
  liveWorkers: number,
): SystemGauges {
  const streams = new Map<string, SystemGauges['streams'][number]>();
  const records = new Map<string, SystemGauges['records'][number]>();
  for (const r of runs) {
    const key = JSON.stringify([r.channel, r.stream]);
    const entry = streams.get(key) ?? {
      channel: r.channel,
      stream: r.stream,
      lastSuccessAgeSeconds: null,
      sinceFirstRunSeconds: 0,
    };
    if (r.last_success_age !== null) entry.lastSuccessAgeSeconds = Math.max(0, num(r.last_success_age));
    entry.sinceFirstRunSeconds = Math.max(entry.sinceFirstRunSeconds, num(r.first_run_age));
    streams.set(key, entry);
    if (r.status === null) continue; // no run in the last 24 hours
    for (const outcome of ['created', 'updated', 'unchanged', 'failed'] as const) {
      const rkey = JSON.stringify([r.channel, r.stream, outcome]);
      const counted = records.get(rkey) ?? { channel: r.channel, stream: r.stream, outcome, count: 0 };
      counted.count += num(r[outcome]);
      records.set(rkey, counted);
    }
  }
  const oldest = new Map<string, number>();
  for (const o of outbox) {
    const channel = o.channel ?? noChannel;
    oldest.set(channel, Math.max(oldest.get(channel) ?? 0, num(o.age)));
  }
  return {
    channels: channels.map((c) => ({
      channel: c.code,
      type: c.type,
      mode: c.mode,
      status: c.status,
      loginRefused: Boolean(c.refused),
    })),
    streams: [...streams.values()],
    runs: runs.flatMap((r) =>
      r.status === null ? [] : [{ channel: r.channel, stream: r.stream, status: r.status, count: num(r.n) }],
    ),
    records: [...records.values()],
    outbox: outbox.map((o) => ({ channel: o.channel ?? noChannel, kind: o.kind, status: o.status, count: num(o.n) })),
    outboxOldest: [...oldest].map(([channel, ageSeconds]) => ({ channel, ageSeconds: Math.max(0, ageSeconds) })),
    inventoryPushLag: pushLag.map((p) => ({ channel: p.channel, ageSeconds: Math.max(0, num(p.age)) })),
    openOrders: openOrders.map((o) => ({
      channel: o.channel,
      count: num(o.n),
      oldestAgeSeconds: o.n > 0 ? Math.max(0, num(o.age)) : 0,
    })),
    liveWorkers,
  };
}
