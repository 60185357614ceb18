import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/connect.ts';
import { queryRows } from '../../db/rows.ts';
import type { AlertNotificationKind } from '../../db/schema.ts';
import type { ChannelDescriptor } from '../channel-descriptor.ts';
import type { AlertRule } from './rule.ts';
import { alertRules } from './rules/index.ts';
import { readAlertSettings } from './settings.ts';

/**
 * One evaluation (one scheduler tick): each rule says what is wrong now, and each alert (rule +
 * subject) is
 * - fired once when it starts (the open row is inserted; the partial unique index on open alerts
 *   lets exactly one of two schedulers ticking at once insert it),
 * - repeated at most every repeat interval while it lasts (a conditional update on its
 *   last_notified_at that only one evaluation can win),
 * - resolved once when a rule no longer finds it (a conditional update on resolved_at).
 * Each of these writes its notification and one delivery per enabled destination in the same
 * transaction, so a notification is never recorded without its deliveries nor sent twice.
 * A rule that fails is skipped for this tick: its open alerts stay open rather than resolve falsely.
 */
export interface EvaluateContext {
  database: Database;
  lookup: (type: string) => ChannelDescriptor | undefined;
  /** The evaluation's clock (tests move it); defaults to now. */
  now?: Date;
}

export interface Evaluation {
  fired: string[];
  repeated: string[];
  resolved: string[];
  /** Rules that could not be evaluated, with why. */
  failed: { rule: string; error: string }[];
}

export async function evaluateAlerts(context: EvaluateContext, rules: AlertRule[] = alertRules): Promise<Evaluation> {
  const { database } = context;
  const now = context.now ?? new Date();
  const settings = await readAlertSettings(database.db);
  const out: Evaluation = { fired: [], repeated: [], resolved: [], failed: [] };
  for (const rule of rules) {
    let findings: Awaited<ReturnType<AlertRule['evaluate']>>;
    try {
      findings = await rule.evaluate({ database, lookup: context.lookup, settings, now });
    } catch (error) {
      out.failed.push({ rule: rule.name, error: (error as Error).message });
      continue;
    }
    const open = await openAlerts(database.db, rule.name);
    const found = new Set<string>();
    for (const finding of findings) {
      if (found.has(finding.subject)) continue;
      found.add(finding.subject);
      const label = `${rule.name}:${finding.subject}`;
      const existing = open.get(finding.subject);
      if (!existing) {
        if (await fire(database.db, rule.name, finding.subject, finding.summary, now)) out.fired.push(label);
      } else if (await repeat(database.db, existing, finding.summary, now, settings.repeatMinutes)) {
        out.repeated.push(label);
      }
    }
    for (const [subject, id] of open) {
      if (!found.has(subject) && (await resolve(database.db, id, now))) out.resolved.push(`${rule.name}:${subject}`);
    }
  }
  return out;
}

async function openAlerts(db: Db, rule: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; subject: string }>(
    db,
    sql`select id::int as id, subject from alerts where rule = ${rule} and resolved_at is null`,
  );
  return new Map(rows.map((r) => [r.subject, r.id]));
}

async function fire(db: Db, rule: string, subject: string, summary: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into alerts (rule, subject, summary, started_at, last_notified_at)
          values (${rule}, ${subject}, ${summary}, ${now.toISOString()}, ${now.toISOString()})
          on conflict (rule, subject) where resolved_at is null do nothing
          returning id::int as id`,
    );
    if (!row) return false;
    await notify(tx, row.id, 'fired', summary, now);
    return true;
  });
}

async function repeat(db: Db, id: number, summary: string, now: Date, repeatMinutes: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`update alerts set last_notified_at = ${now.toISOString()}, summary = ${summary}
          where id = ${id} and resolved_at is null
            and last_notified_at <= ${now.toISOString()}::timestamptz - make_interval(mins => ${repeatMinutes}::int)
          returning id::int as id`,
    );
    if (!row) {
      // Not due yet: keep the summary current for the history without notifying.
      await tx.execute(sql`update alerts set summary = ${summary} where id = ${id} and resolved_at is null`);
      return false;
    }
    await notify(tx, id, 'repeated', summary, now);
    return true;
  });
}

async function resolve(db: Db, id: number, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: number; summary: string }>(
      tx,
      sql`update alerts set resolved_at = ${now.toISOString()} where id = ${id} and resolved_at is null
          returning id::int as id, summary`,
    );
    if (!row) return false;
    await notify(tx, id, 'resolved', `Cleared. It was: ${row.summary}`, now);
    return true;
  });
}

/** The notification and one delivery to each enabled destination, due now. */
async function notify(tx: Db, alertId: number, kind: AlertNotificationKind, summary: string, now: Date) {
  const [notification] = await queryRows<{ id: number }>(
    tx,
    sql`insert into alert_notifications (alert_id, kind, summary, created_at)
        values (${alertId}, ${kind}, ${summary}, ${now.toISOString()}) returning id::int as id`,
  );
  await tx.execute(
    sql`insert into alert_deliveries (notification_id, destination_id, destination_name, next_attempt_at, created_at)
        select ${notification.id}, id, name, ${now.toISOString()}, ${now.toISOString()}
        from alert_destinations where enabled order by id`,
  );
}
