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
 * a claim older than the stale limit (a process that died mid-send) is taken over. Each destination
 * gets its notifications in the order they were made.
 */
export const maxBackoffSeconds = 3600;
const claimStaleMinutes = 5;
const batch = 20;

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
          select d.id from alert_deliveries d
          where ((d.status in ('pending', 'failed') and d.next_attempt_at <= ${at}::timestamptz)
             or (d.status = 'sending' and d.claimed_at < ${at}::timestamptz - make_interval(mins => ${claimStaleMinutes})))
            -- In order per destination: not while an earlier one to it waits for a later time or is being sent.
            and not exists (
              select 1 from alert_deliveries e
              where e.destination_id = d.destination_id and e.id < d.id
                and ((e.status in ('pending', 'failed') and e.next_attempt_at > ${at}::timestamptz)
                  or (e.status = 'sending' and e.claimed_at >= ${at}::timestamptz - make_interval(mins => ${claimStaleMinutes}))))
          order by d.id limit ${batch} for update of d skip locked
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
  // Destinations in parallel (one slow server does not hold up the others); each one's in order, and
  // stopped at its first failure, so a "resolved" never arrives before the "fired" it follows.
  const byDestination = new Map<number | null, Claimed[]>();
  for (const d of claimed) byDestination.set(d.destination_id, [...(byDestination.get(d.destination_id) ?? []), d]);
  await Promise.all(
    [...byDestination.values()].map(async (list) => {
      for (const [index, d] of list.entries()) {
        const sent = await deliverOne(database, secrets, d, now);
        outcome[sent.outcome]++;
        if (sent.outcome !== 'failed') continue;
        for (const later of list.slice(index + 1))
          await postpone(
            database,
            later.id,
            sent.retryAt,
            `Waits for an earlier alert to ${d.destination_name}: ${sent.reason}`,
          );
        break;
      }
    }),
  );
  return outcome;
}

async function deliverOne(
  database: Database,
  secrets: SecretBox,
  d: Claimed,
  now: Date,
): Promise<{ outcome: 'delivered' | 'dropped' } | { outcome: 'failed'; reason: string; retryAt: Date }> {
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
    return { outcome: 'dropped' };
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
    return { outcome: 'delivered' };
  } catch (error) {
    const reason = error instanceof SendRefused ? error.message : `Sending failed: ${(error as Error).message}`;
    const retryAt = new Date(now.getTime() + backoffSeconds(d.attempts) * 1000);
    await mark(database, d.id, 'failed', reason, retryAt);
    return { outcome: 'failed', reason, retryAt };
  }
}

/** A claimed delivery not tried (an earlier one to its destination failed): back to waiting, its attempt not counted. */
async function postpone(database: Database, id: number, until: Date, why: string) {
  await database.db.execute(
    sql`update alert_deliveries set status = 'pending', attempts = attempts - 1, claimed_at = null,
          next_attempt_at = ${until.toISOString()}::timestamptz, last_error = ${why}
        where id = ${id}`,
  );
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
