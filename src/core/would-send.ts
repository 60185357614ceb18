import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { wouldSendLog } from '../db/schema.ts';

/**
 * What a channel would have sent the marketplace in the last `sinceHours` hours, while the channel —
 * or the SKU or PO a write concerned — was not live (channel-mode/gate.ts records it). Newest first;
 * the body is exactly the one the request would have carried. The channel page and the cut-over
 * report read it.
 */
export interface WouldSendEntry {
  id: number;
  call: string;
  method: string;
  path: string;
  body: unknown;
  subjectKind: 'sku' | 'po' | null;
  subject: string | null;
  mode: string;
  at: Date;
}

export async function listWouldSend(
  db: Db,
  channelId: number,
  sinceHours: number,
  limit = 1000,
): Promise<WouldSendEntry[]> {
  const rows = await db
    .select()
    .from(wouldSendLog)
    .where(
      and(
        eq(wouldSendLog.channelId, channelId),
        gte(wouldSendLog.createdAt, sql`now() - make_interval(hours => ${sinceHours}::int)`),
      ),
    )
    .orderBy(desc(wouldSendLog.createdAt), desc(wouldSendLog.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    call: r.call,
    method: r.method,
    path: r.path,
    body: r.body,
    subjectKind: r.subjectKind as WouldSendEntry['subjectKind'],
    subject: r.subject,
    mode: r.mode,
    at: r.createdAt,
  }));
}
