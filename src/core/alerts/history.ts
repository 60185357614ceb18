import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { queryRows } from '../../db/rows.ts';
import type { AlertDeliveryStatus, AlertNotificationKind } from '../../db/schema.ts';
import { ruleNamed } from './rules/index.ts';

/** The alert history: each notification (fired, repeated, resolved), newest first, and where it went. */
export interface HistoryDelivery {
  id: number;
  destination: string;
  status: AlertDeliveryStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
}

export interface HistoryEntry {
  id: number;
  alertId: number;
  kind: AlertNotificationKind;
  rule: string;
  title: string;
  subject: string;
  summary: string;
  at: Date;
  startedAt: Date;
  resolvedAt: Date | null;
  deliveries: HistoryDelivery[];
}

export interface OpenAlert {
  id: number;
  rule: string;
  title: string;
  subject: string;
  summary: string;
  startedAt: Date;
  lastNotifiedAt: Date;
}

const date = (v: Date | string | null) => (v === null ? null : new Date(v));

export async function alertHistory(
  db: Db,
  page: { before?: number; limit: number },
): Promise<{ items: HistoryEntry[]; next: number | null }> {
  const rows = await queryRows<{
    id: number;
    alert_id: number;
    kind: AlertNotificationKind;
    summary: string;
    created_at: Date | string;
    rule: string;
    subject: string;
    started_at: Date | string;
    resolved_at: Date | string | null;
    deliveries: HistoryDelivery[] | null;
  }>(
    db,
    sql`select n.id::int as id, n.alert_id::int as alert_id, n.kind, n.summary, n.created_at, a.rule, a.subject, a.started_at, a.resolved_at,
          (select json_agg(json_build_object('id', d.id, 'destination', d.destination_name, 'status', d.status, 'attempts', d.attempts,
                   'lastError', d.last_error, 'deliveredAt', d.delivered_at,
                   'nextAttemptAt', case when d.status in ('pending', 'failed') then d.next_attempt_at end) order by d.id)
           from alert_deliveries d where d.notification_id = n.id) as deliveries
        from alert_notifications n join alerts a on a.id = n.alert_id
        where ${page.before ? sql`n.id < ${page.before}` : sql`true`}
        order by n.id desc limit ${page.limit}`,
  );
  const items = rows.map((r) => ({
    id: r.id,
    alertId: r.alert_id,
    kind: r.kind,
    rule: r.rule,
    title: ruleNamed(r.rule)?.title ?? r.rule,
    subject: r.subject,
    summary: r.summary,
    at: new Date(r.created_at),
    startedAt: new Date(r.started_at),
    resolvedAt: date(r.resolved_at),
    deliveries: (r.deliveries ?? []).map((d) => ({
      ...d,
      deliveredAt: date(d.deliveredAt),
      nextAttemptAt: date(d.nextAttemptAt),
    })),
  }));
  return { items, next: items.length === page.limit ? items[items.length - 1].id : null };
}

export async function openAlertList(db: Db): Promise<OpenAlert[]> {
  const rows = await queryRows<{
    id: number;
    rule: string;
    subject: string;
    summary: string;
    started_at: Date | string;
    last_notified_at: Date | string;
  }>(
    db,
    sql`select id::int as id, rule, subject, summary, started_at, last_notified_at from alerts
        where resolved_at is null order by started_at desc, id desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    rule: r.rule,
    title: ruleNamed(r.rule)?.title ?? r.rule,
    subject: r.subject,
    summary: r.summary,
    startedAt: new Date(r.started_at),
    lastNotifiedAt: new Date(r.last_notified_at),
  }));
}
