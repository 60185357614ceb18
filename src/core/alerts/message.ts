import type { AlertNotificationKind } from '../../db/schema.ts';

/** One notification as it is sent: the same facts for a webhook's JSON, Slack's text and an e-mail. */
export interface AlertMessage {
  kind: AlertNotificationKind | 'test';
  rule: string;
  title: string;
  subject: string;
  summary: string;
  startedAt: Date;
  /** When this notification was made. */
  at: Date;
}

const heading: Record<AlertMessage['kind'], string> = {
  fired: 'FIRING',
  repeated: 'STILL FIRING',
  resolved: 'RESOLVED',
  test: 'TEST',
};

export function messageSubject(m: AlertMessage): string {
  return `[Weft] ${heading[m.kind]}: ${m.title} — ${m.subject}`;
}

export function messageText(m: AlertMessage): string {
  const since = m.kind === 'repeated' || m.kind === 'resolved' ? ` (started ${m.startedAt.toISOString()})` : '';
  return `${messageSubject(m)}${since}\n${m.summary}`;
}

/** The webhook body: Slack's `{text}`, or Weft's own JSON with every field and the same text. */
export function webhookBody(m: AlertMessage, format: 'json' | 'slack'): Record<string, unknown> {
  if (format === 'slack') return { text: messageText(m) };
  return {
    source: 'weft',
    kind: m.kind,
    rule: m.rule,
    title: m.title,
    subject: m.subject,
    summary: m.summary,
    startedAt: m.startedAt.toISOString(),
    at: m.at.toISOString(),
    text: messageText(m),
  };
}
