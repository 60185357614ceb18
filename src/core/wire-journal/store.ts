import { and, asc, count, eq, gt, gte, lt, max, min, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { channels, wireJournal } from '../../db/schema.ts';
import { invalid, notFound } from '../errors.ts';
import type { WireExchange } from './types.ts';

/**
 * The wire journal in the database: one row per request/answer pair of a channel that captures them
 * (already redacted: redact.ts), read back as NDJSON between two times, and purged per channel after
 * its number of days. Turned on and off per channel by an admin.
 */
export interface WireJournalSettings {
  enabled: boolean;
  /** Entries older than this many days are purged. */
  days: number;
}

export interface WireJournalStatus extends WireJournalSettings {
  entries: number;
  oldestAt: Date | null;
  newestAt: Date | null;
}

export const MAX_JOURNAL_DAYS = 90;

export async function insertWireExchange(db: Db, channelId: number, exchange: WireExchange): Promise<void> {
  await db.insert(wireJournal).values({
    channelId,
    at: exchange.at,
    call: exchange.call,
    method: exchange.method,
    path: exchange.path,
    query: exchange.query,
    requestHeaders: exchange.requestHeaders,
    requestBody: exchange.requestBody ?? null,
    status: exchange.status,
    answerBody: exchange.answerBody ?? null,
    durationMs: Math.max(0, Math.round(exchange.durationMs)),
    error: exchange.error,
  });
}

export async function wireJournalSettings(db: Db, channelId: number): Promise<WireJournalSettings> {
  const [row] = await db
    .select({ enabled: channels.wireJournalEnabled, days: channels.wireJournalDays })
    .from(channels)
    .where(eq(channels.id, channelId));
  if (!row) throw notFound(`Channel ${channelId} does not exist.`);
  return row;
}

export async function wireJournalStatus(db: Db, channelId: number): Promise<WireJournalStatus> {
  const settings = await wireJournalSettings(db, channelId);
  const [figures] = await db
    .select({ entries: count(), oldestAt: min(wireJournal.at), newestAt: max(wireJournal.at) })
    .from(wireJournal)
    .where(eq(wireJournal.channelId, channelId));
  return {
    ...settings,
    entries: Number(figures?.entries ?? 0),
    oldestAt: figures?.oldestAt ? new Date(figures.oldestAt) : null,
    newestAt: figures?.newestAt ? new Date(figures.newestAt) : null,
  };
}

export async function setWireJournal(
  db: Db,
  channelId: number,
  change: Partial<WireJournalSettings>,
): Promise<WireJournalSettings> {
  if (
    change.days !== undefined &&
    (!Number.isInteger(change.days) || change.days < 1 || change.days > MAX_JOURNAL_DAYS)
  )
    throw invalid(`Keep the wire journal between 1 and ${MAX_JOURNAL_DAYS} days, not ${change.days}.`, 'days');
  const set: Partial<typeof channels.$inferInsert> = { updatedAt: new Date() };
  if (change.enabled !== undefined) set.wireJournalEnabled = change.enabled;
  if (change.days !== undefined) set.wireJournalDays = change.days;
  const [row] = await db
    .update(channels)
    .set(set)
    .where(eq(channels.id, channelId))
    .returning({ enabled: channels.wireJournalEnabled, days: channels.wireJournalDays });
  if (!row) throw notFound(`Channel ${channelId} does not exist.`);
  return row;
}

/** One journal entry as an NDJSON line carries it. */
export interface WireJournalLine {
  at: string;
  channel: string;
  call: string;
  method: string;
  path: string;
  query: Record<string, string> | null;
  requestHeaders: Record<string, string> | null;
  requestBody: unknown;
  status: number | null;
  answerBody: unknown;
  durationMs: number;
  error: string | null;
}

/**
 * The channel's entries between `from` (inclusive) and `to` (exclusive), oldest first, one JSON object
 * per line, read in pages so a long journal never sits in memory whole.
 */
export async function* wireJournalNdjson(
  db: Db,
  channel: { id: number; code: string },
  range: { from?: Date; to?: Date } = {},
  pageSize = 500,
): AsyncGenerator<string> {
  let after = 0;
  for (;;) {
    const where: SQL[] = [eq(wireJournal.channelId, channel.id), gt(wireJournal.id, after)];
    if (range.from) where.push(gte(wireJournal.at, range.from));
    if (range.to) where.push(lt(wireJournal.at, range.to));
    const rows = await db
      .select()
      .from(wireJournal)
      .where(and(...where))
      .orderBy(asc(wireJournal.id))
      .limit(pageSize);
    for (const r of rows) {
      const line: WireJournalLine = {
        at: new Date(r.at).toISOString(),
        channel: channel.code,
        call: r.call,
        method: r.method,
        path: r.path,
        query: r.query ?? null,
        requestHeaders: r.requestHeaders ?? null,
        requestBody: r.requestBody ?? null,
        status: r.status,
        answerBody: r.answerBody ?? null,
        durationMs: r.durationMs,
        error: r.error,
      };
      yield `${JSON.stringify(line)}\n`;
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].id;
  }
}

/** Deletes every channel's entries older than its number of days; answers how many went. */
export async function purgeWireJournal(db: Db, now = new Date()): Promise<number> {
  const deleted = await db
    .delete(wireJournal)
    .where(
      sql`${wireJournal.at} < ${now.toISOString()}::timestamptz - make_interval(days => (select ${channels.wireJournalDays} from ${channels} where ${channels.id} = ${wireJournal.channelId}))`,
    )
    .returning({ id: wireJournal.id });
  return deleted.length;
}
