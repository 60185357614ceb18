import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/connect.ts';
import { queryRows } from '../../db/rows.ts';
import { alertDestinations, type AlertNotificationKind } from '../../db/schema.ts';
import type { SecretBox } from '../secrets.ts';
import { destinationRow, openDestination } from './destinations.ts';
import type { AlertMessage } from './message.ts';
import { ruleNamed } from './rules/index.ts';
import { SendRefused, sendAlert } from './senders.ts';

/**
 * Sends the deliveries that are due: new ones, and failed ones whose backoff has passed. A failure
 * is recorded with its reason and retried (30 s, 1 min, 2 min, … at most hourly) until it goes
 * through, so an alert is never lost to a destination that was down. Claimed with `skip locked`, and
 * a claim older than the stale limit (a process that died mid-send) is taken over.
 */
export const maxBackoffSeconds = 3600;
const claimStaleMinutes = 5;
const batch = 50;

export const backoffSeconds = (attempts: number) => Math.min(maxBackoffSeconds, 30 * 2 ** Math.max(0, attempts - 1));

interface Claimed {
  id: number;
  attempts: number;
  destination_id: number | null;
  destination_name: string;
  kind: AlertNotificationKind;
  summary: string;
  created_at: Date | string;
  rule: string;
  subject: string;
  started_at: Date | string;
}

export async function deliverDue(context: {
  database: Database;
  secrets: SecretBox;
  now?: Date;
}): Promise<{ delivered: number; failed: number; dropped: number }> {
  const { database, secrets } = context;
  const now = context.now ?? new Date();
  const at = now.toISOString();
  const claimed = await queryRows<Claimed>(
    database.db,
    sql`with due as (
          select id from alert_deliveries
          where (status in ('pending', 'failed') and next_attempt_at <= ${at}::timestamptz)
             or (status = 'sending' and claimed_at < ${at}::timestamptz - make_interval(mins => ${claimStaleMinutes}))
          order by id limit ${batch} for update skip locked
        ),
        taken as (
          update alert_deliveries d set status = 'sending', attempts = d.attempts + 1, claimed_at = ${at}::timestamptz
          from due where d.id = due.id
          returning d.id, d.attempts, d.destination_id, d.destination_name, d.notification_id
        )
        select t.id::int as id, t.attempts, t.destination_id, t.destination_name, n.kind, n.summary, n.created_at,
               a.rule, a.subject, a.started_at
        from taken t join alert_notifications n on n.id = t.notification_id join alerts a on a.id = n.alert_id
        order by t.id`,
  );
  const outcome = { delivered: 0, failed: 0, dropped: 0 };
  for (const d of claimed) {
    const [row] = d.destination_id
      ? await database.db.select().from(alertDestinations).where(eq(alertDestinations.id, d.destination_id))
      : [];
    if (!row?.enabled) {
      await mark(
        database,
        d.id,
        'dropped',
        row
          ? 'The destination was switched off before this was sent.'
          : 'The destination was removed before this was sent.',
      );
      outcome.dropped++;
      continue;
    }
    const message: AlertMessage = {
      kind: d.kind,
      rule: d.rule,
      title: ruleNamed(d.rule)?.title ?? d.rule,
      subject: d.subject,
      summary: d.summary,
      startedAt: new Date(d.started_at),
      at: new Date(d.created_at),
    };
    try {
      await sendAlert(openDestination(row, secrets), message);
      await mark(database, d.id, 'delivered', null);
      outcome.delivered++;
    } catch (error) {
      const reason = error instanceof SendRefused ? error.message : `Sending failed: ${(error as Error).message}`;
      await mark(database, d.id, 'failed', reason, new Date(now.getTime() + backoffSeconds(d.attempts) * 1000));
      outcome.failed++;
    }
  }
  return outcome;
}

async function mark(
  database: Database,
  id: number,
  status: 'delivered' | 'failed' | 'dropped',
  error: string | null,
  retryAt?: Date,
) {
  await database.db.execute(
    sql`update alert_deliveries set status = ${status}, last_error = ${error},
          delivered_at = ${status === 'delivered' ? sql`now()` : sql`null`},
          next_attempt_at = coalesce(${retryAt?.toISOString() ?? null}::timestamptz, next_attempt_at), claimed_at = null
        where id = ${id}`,
  );
}

/** The Test send button: a made-up alert to one destination now, answered in words (not recorded as an alert). */
export async function testDestination(
  database: Database,
  secrets: SecretBox,
  id: number,
): Promise<{ delivered: boolean; message: string }> {
  const row = await destinationRow(database.db, id);
  const now = new Date();
  try {
    const said = await sendAlert(openDestination(row, secrets), {
      kind: 'test',
      rule: 'test',
      title: 'Test alert',
      subject: row.name,
      summary: `A test from Weft's Settings → Alerts: if you read this, alerts reach ${row.name}.`,
      startedAt: now,
      at: now,
    });
    return { delivered: true, message: `Delivered. ${said}` };
  } catch (error) {
    if (!(error instanceof SendRefused)) throw error;
    return { delivered: false, message: `Refused. ${error.message}` };
  }
}
