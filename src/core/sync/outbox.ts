import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { outbox } from '../../db/schema.ts';

/**
 * Outbound marketplace calls are written here first, under a deterministic idempotency key (for
 * example `invoice:PO123`), then sent by the request or job that needs them, through `sendOnce`
 * (outbox-send.ts), the one path that claims and marks entries. Writing the same key twice returns
 * the first row, so a retried request or a re-run job can never create a second invoice or dispatch.
 * Nothing sends entries in the background: an entry that failed, or that a stopped process left in
 * flight, is sent again (after a read-back) when the same call is made again.
 */
export type OutboxEntry = typeof outbox.$inferSelect;

/**
 * How long an entry may stay in flight before it counts as abandoned by a stopped process and may be
 * taken over (after a read-back). Set once at start from WEFT_OUTBOX_STALE_SECONDS.
 */
let staleAfterSeconds = 300;
export function setOutboxStaleSeconds(seconds: number): void {
  staleAfterSeconds = seconds;
}

export async function enqueue(
  db: Db,
  input: { channelId: number | null; kind: string; idempotencyKey: string; payload: Record<string, unknown> },
): Promise<OutboxEntry> {
  const [created] = await db
    .insert(outbox)
    .values(input)
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .returning();
  if (created) return created;
  const [existing] = await db.select().from(outbox).where(eq(outbox.idempotencyKey, input.idempotencyKey));
  return existing;
}

export async function findByKey(db: Db, idempotencyKey: string): Promise<OutboxEntry | null> {
  const [row] = await db.select().from(outbox).where(eq(outbox.idempotencyKey, idempotencyKey));
  return row ?? null;
}

/**
 * The outcome marks below take `attempt` (the entry's `attempts` when it was claimed): a sender that
 * stalled past the stale interval, whose entry another sender took over, must not overwrite the
 * newer outcome. They answer whether the mark was applied.
 */
const held = (id: number, attempt?: number) =>
  and(
    eq(outbox.id, id),
    attempt === undefined ? undefined : and(eq(outbox.attempts, attempt), eq(outbox.status, 'in_flight')),
  );

export async function markSucceeded(
  db: Db,
  id: number,
  response: Record<string, unknown>,
  attempt?: number,
): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ status: 'succeeded', response, lastError: null, updatedAt: new Date() })
    .where(held(id, attempt))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/**
 * Records the success of a sender whose claim was taken over, unless an entry's newer sender has
 * succeeded already (then nothing changes and it answers false). Its call did land, so the entry
 * must not stay failed or in flight; the newer sender's own mark then finds it no longer in flight.
 */
export async function markSucceededUnlessDone(db: Db, id: number, response: Record<string, unknown>): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ status: 'succeeded', response, lastError: null, updatedAt: new Date() })
    .where(and(eq(outbox.id, id), ne(outbox.status, 'succeeded')))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/** A refusal that will not change by retrying (the marketplace said no). */
export async function markFailed(
  db: Db,
  id: number,
  error: string,
  response?: Record<string, unknown>,
  attempt?: number,
): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'failed', lastError: error, response: response ?? null, updatedAt: new Date() })
    .where(held(id, attempt));
}

/**
 * The call may or may not have reached the marketplace (a timeout). It goes back as indeterminate;
 * the next sender reads back before re-sending.
 */
export async function markIndeterminate(db: Db, id: number, error: string, attempt?: number): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'indeterminate', lastError: error, updatedAt: new Date() })
    .where(held(id, attempt));
}

/**
 * The channel's mode kept the call back (it is in the would-send log instead). The memo is cleared:
 * nothing went out, so a later attempt has nothing to read back.
 */
export async function markWithheld(db: Db, id: number, note: string, attempt?: number): Promise<void> {
  await db
    .update(outbox)
    .set({
      status: 'withheld',
      lastError: note,
      payload: sql`jsonb_set(${outbox.payload}, '{memo}', '{}'::jsonb)`,
      updatedAt: new Date(),
    })
    .where(held(id, attempt));
}

/** The call surely did not land (refused before sending, 429, 5xx with no effect): it may be sent again. */
export async function markRetry(db: Db, id: number, error: string, attempt?: number): Promise<void> {
  await db.update(outbox).set({ status: 'pending', lastError: error, updatedAt: new Date() }).where(held(id, attempt));
}

/**
 * Claims one entry for sending now (a request sending it inline): taken when it is pending, retrying,
 * failed or withheld (its channel may be live now), or left in flight by a stopped process for longer than `staleSeconds`. Null when another
 * sender holds it.
 */
export async function claimEntry(db: Db, id: number, staleSeconds = staleAfterSeconds): Promise<OutboxEntry | null> {
  const [claimed] = await db
    .update(outbox)
    .set({ status: 'in_flight', attempts: sql`${outbox.attempts} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(outbox.id, id),
        or(
          inArray(outbox.status, ['pending', 'indeterminate', 'failed', 'withheld']),
          and(
            eq(outbox.status, 'in_flight'),
            sql`${outbox.updatedAt} < now() - make_interval(secs => ${staleSeconds})`,
          ),
        ),
      ),
    )
    .returning();
  return claimed ?? null;
}

/** Keeps a push's memo with its entry before the call goes out, so a later attempt can read back. */
export async function rememberMemo(db: Db, id: number, memo: Record<string, unknown>): Promise<void> {
  await db
    .update(outbox)
    .set({
      payload: sql`jsonb_set(${outbox.payload}, '{memo}', ${JSON.stringify(memo)}::jsonb)`,
      updatedAt: new Date(),
    })
    .where(eq(outbox.id, id));
}
