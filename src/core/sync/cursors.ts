import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { syncCursors } from '../../db/schema.ts';

/**
 * A pull stream's position: the marketplace time it has read up to (`at`, ISO-8601) and anything
 * else the stream needs to resume. It only moves forward: a slower, older run cannot pull it back.
 */
export interface CursorPosition {
  at: string;
  [extra: string]: unknown;
}

export async function readCursor(db: Db, channelId: number, stream: string): Promise<CursorPosition | null> {
  const [row] = await db
    .select()
    .from(syncCursors)
    .where(and(eq(syncCursors.channelId, channelId), eq(syncCursors.stream, stream)));
  return (row?.position as CursorPosition | undefined) ?? null;
}

/** Returns true when the cursor moved; false when it already stood at or past `position.at`. */
export async function advanceCursor(
  db: Db,
  channelId: number,
  stream: string,
  position: CursorPosition,
): Promise<boolean> {
  if (Number.isNaN(Date.parse(position.at))) throw new Error(`Cursor time ${position.at} is not an ISO-8601 time.`);
  const rows = await db
    .insert(syncCursors)
    .values({ channelId, stream, position })
    .onConflictDoUpdate({
      target: [syncCursors.channelId, syncCursors.stream],
      set: { position: sql`excluded.position`, updatedAt: new Date() },
      setWhere: sql`(${syncCursors.position}->>'at')::timestamptz < (excluded.position->>'at')::timestamptz`,
    })
    .returning({ stream: syncCursors.stream });
  return rows.length > 0;
}
