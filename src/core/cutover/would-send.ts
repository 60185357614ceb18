import type { Database } from '../../db/connect.ts';
import type { WouldSendCount, WouldSendEntry } from './types.ts';

/**
 * What Weft would have sent the marketplace in the last `hours`: the writes the channel's mode withheld
 * (would_send_log, filled by the shadow and canary gate), counted per call, and the entries themselves,
 * newest first (at most `limit`; the counts cover all of them).
 */
export async function wouldSend(
  database: Database,
  input: { channelId: number; hours: number; limit?: number },
): Promise<{ counts: WouldSendCount[]; total: number; entries: WouldSendEntry[] }> {
  const [counts, entries] = await Promise.all([
    database.query<{ call: string; method: string; path: string; n: number; last_at: Date | string }>(
      `select call, method, path, count(*)::int as n, max(created_at) as last_at from would_send_log
       where channel_id = $1 and created_at > now() - make_interval(hours => $2)
       group by call, method, path order by call, method, path`,
      [input.channelId, input.hours],
    ),
    database.query<{
      id: number;
      created_at: Date | string;
      call: string;
      method: string;
      path: string;
      subject_kind: string | null;
      subject: string | null;
      mode: string;
      body: unknown;
    }>(
      `select id, created_at, call, method, path, subject_kind, subject, mode, body from would_send_log
       where channel_id = $1 and created_at > now() - make_interval(hours => $2)
       order by created_at desc, id desc limit $3`,
      [input.channelId, input.hours, input.limit ?? 200],
    ),
  ]);
  const perCall = counts.rows.map((r) => ({
    call: r.call,
    method: r.method,
    path: r.path,
    count: Number(r.n),
    lastAt: new Date(r.last_at),
  }));
  return {
    counts: perCall,
    total: perCall.reduce((s, c) => s + c.count, 0),
    entries: entries.rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.created_at),
      call: r.call,
      method: r.method,
      path: r.path,
      subjectKind: r.subject_kind,
      subject: r.subject,
      mode: r.mode,
      body: r.body,
    })),
  };
}
