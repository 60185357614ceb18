import type { Database } from '../../db/connect.ts';

/**
 * The contract guard's record, for any marketplace: each connector checks the answers it reads against
 * the contract its parsers rely on and reports, per call (e.g. "GET /orders") and per field path (e.g.
 * "orders[*].po_number"), the fields the contract does not know (observations: harmless, listed so a
 * person can see the marketplace's API grow) and the fields the parser needs that were missing or of
 * another type (drift: the affected records are held, never read as empty). One open drift event per
 * channel, call and field: a repeated answer raises its count and last-seen time, not a new event.
 */
export interface ContractDrift {
  /** Field path with `[*]` for array elements. */
  field: string;
  /** What the parser needs, in words ("an identifier (text or whole number)"). */
  expected: string;
  /** What came: "missing", or the type and a short redacted value. */
  got: string;
  /** A redacted, shortened excerpt of the record the field belongs to. */
  sample: string;
}

export interface ContractCheck {
  unknownFields: string[];
  drift: ContractDrift[];
}

export interface ContractDriftEvent {
  id: number;
  channelId: number;
  call: string;
  field: string;
  expected: string;
  got: string;
  sample: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  count: number;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export interface ContractObservation {
  call: string;
  field: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  count: number;
}

/** Notes one answer's check: each unknown field and each drifting field counted once per answer. */
export async function noteContractCheck(
  database: Database,
  channelId: number,
  call: string,
  check: ContractCheck,
): Promise<void> {
  const unknown = [...new Set(check.unknownFields)];
  if (unknown.length) {
    await database.query(
      `
      insert into contract_observations (channel_id, call, field_path)
      select $1, $2, f from unnest($3::text[]) as f
      on conflict (channel_id, call, field_path)
      do update set last_seen_at = now(), seen_count = contract_observations.seen_count + 1`,
      [channelId, call, unknown],
    );
  }
  const byField = new Map<string, ContractDrift>();
  for (const d of check.drift) if (!byField.has(d.field)) byField.set(d.field, d);
  const drift = [...byField.values()];
  if (drift.length) {
    await database.query(
      `
      insert into contract_drift_events (channel_id, call, field_path, expected, got, sample)
      select $1, $2, t.f, t.e, t.g, t.s from unnest($3::text[], $4::text[], $5::text[], $6::text[]) as t(f, e, g, s)
      on conflict (channel_id, call, field_path) where resolved_at is null
      do update set last_seen_at = now(), seen_count = contract_drift_events.seen_count + 1,
        got = excluded.got, sample = excluded.sample, expected = excluded.expected`,
      [
        channelId,
        call,
        drift.map((d) => d.field),
        drift.map((d) => d.expected),
        drift.map((d) => d.got),
        drift.map((d) => d.sample),
      ],
    );
  }
}

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/** Drift events of a channel, open ones first, newest first. */
export async function listContractDrift(
  database: Database,
  channelId: number,
  opts: { includeResolved?: boolean } = {},
): Promise<ContractDriftEvent[]> {
  const { rows } = await database.query<Record<string, unknown>>(
    `
    select id, channel_id, call, field_path, expected, got, sample, first_seen_at, last_seen_at, seen_count,
      resolved_at, resolved_by
    from contract_drift_events
    where channel_id = $1 and ($2 or resolved_at is null)
    order by (resolved_at is null) desc, last_seen_at desc, id desc
    limit 500`,
    [channelId, opts.includeResolved ?? false],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    channelId: Number(r.channel_id),
    call: String(r.call),
    field: String(r.field_path),
    expected: String(r.expected),
    got: String(r.got),
    sample: String(r.sample),
    firstSeenAt: date(r.first_seen_at)!,
    lastSeenAt: date(r.last_seen_at)!,
    count: Number(r.seen_count),
    resolvedAt: date(r.resolved_at),
    resolvedBy: r.resolved_by === null ? null : String(r.resolved_by),
  }));
}

/** Fields the marketplace sent that the contract does not know, most recently seen first. */
export async function listContractObservations(database: Database, channelId: number): Promise<ContractObservation[]> {
  const { rows } = await database.query<Record<string, unknown>>(
    `
    select call, field_path, first_seen_at, last_seen_at, seen_count from contract_observations
    where channel_id = $1 order by last_seen_at desc, call, field_path limit 500`,
    [channelId],
  );
  return rows.map((r) => ({
    call: String(r.call),
    field: String(r.field_path),
    firstSeenAt: date(r.first_seen_at)!,
    lastSeenAt: date(r.last_seen_at)!,
    count: Number(r.seen_count),
  }));
}

/** Open drift events per channel (channels without any are left out). */
export async function openContractDriftCounts(database: Database): Promise<Map<number, number>> {
  const { rows } = await database.query<{ channel_id: number; n: number }>(
    `select channel_id, count(*)::int as n from contract_drift_events where resolved_at is null group by channel_id`,
  );
  return new Map(rows.map((r) => [Number(r.channel_id), Number(r.n)]));
}

/**
 * A person marks an event resolved (the connector was corrected, or the marketplace fixed its answer).
 * The next answer that still drifts opens a new event. Answers whether an open event was resolved.
 */
export async function resolveContractDrift(
  database: Database,
  channelId: number,
  eventId: number,
  actor: string,
): Promise<boolean> {
  const { rows } = await database.query(
    `update contract_drift_events set resolved_at = now(), resolved_by = $3
     where id = $2 and channel_id = $1 and resolved_at is null returning id`,
    [channelId, eventId, actor],
  );
  return rows.length > 0;
}

/** A channel's open drift, for the channel list's health: how many events, and when one was last seen. */
export interface DriftHealth {
  open: number;
  lastSeenAt: Date | null;
}

export const noDrift: DriftHealth = { open: 0, lastSeenAt: null };

export async function openDriftByChannel(database: Database, channelIds: number[]): Promise<Map<number, DriftHealth>> {
  const health = new Map<number, DriftHealth>();
  if (channelIds.length === 0) return health;
  const { rows } = await database.query<{ channel_id: number; n: number; last_seen_at: Date | string }>(
    `select channel_id, count(*)::int as n, max(last_seen_at) as last_seen_at from contract_drift_events
     where resolved_at is null and channel_id = any($1::int[]) group by channel_id`,
    [channelIds],
  );
  for (const r of rows) health.set(Number(r.channel_id), { open: Number(r.n), lastSeenAt: new Date(r.last_seen_at) });
  return health;
}
