import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { outbox } from '../../db/schema.ts';
import { ChannelPushError } from '../channel-descriptor.ts';
import { AppError } from '../errors.ts';
import { claimEntry, enqueue, markFailed, markIndeterminate, markRetry, markSucceeded, rememberMemo } from './outbox.ts';

/**
 * Sends one outbound marketplace call exactly once, through its outbox entry: the entry is claimed
 * by one caller at a time (one left in flight by a stopped process is taken over after a while), a
 * succeeded entry answers from what it stored without calling again, and failures are recorded as
 * the channel classified them — retryable (surely no effect), indeterminate (read back before
 * sending again; the channel's push does that with its memo) or fatal (refused).
 */
export interface SendOnce<R> {
  channelId: number;
  kind: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  /** "the invoice of PO 123 at the marketplace": used in the messages a person reads. */
  what: string;
  send(memo: Record<string, unknown>, remember: (memo: Record<string, unknown>) => Promise<void>): Promise<R>;
  /** What to keep of the result (JSON); a repeated call answers with it. */
  keep(result: R): Record<string, unknown>;
  retryInSeconds?: number;
}

export async function sendOnce<R>(db: Db, call: SendOnce<R>): Promise<{ stored: Record<string, unknown>; result: R | null }> {
  const entry = await enqueue(db, {
    channelId: call.channelId, kind: call.kind, idempotencyKey: call.idempotencyKey, payload: { ...call.payload, memo: {} },
  });
  if (entry.status === 'succeeded') return { stored: entry.response ?? {}, result: null };
  const claimed = await claimEntry(db, entry.id);
  if (!claimed) {
    const [now] = await db.select().from(outbox).where(eq(outbox.id, entry.id));
    if (now?.status === 'succeeded') return { stored: now.response ?? {}, result: null };
    throw new AppError('conflict', `${capitalise(call.what)} is being sent right now: look again in a minute.`);
  }
  const memo = (claimed.payload as { memo?: Record<string, unknown> }).memo ?? {};
  const remember = (next: Record<string, unknown>) => rememberMemo(db, entry.id, next);
  const retryIn = call.retryInSeconds ?? 30;
  let result: R;
  try {
    result = await call.send(memo, remember);
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof ChannelPushError && error.kind === 'retryable') {
      await markRetry(db, entry.id, message, retryIn, claimed.attempts);
      throw new AppError('unavailable', `${capitalise(call.what)} could not be sent now (${message}); nothing changed there: it will be tried again.`);
    }
    if (error instanceof ChannelPushError && error.kind === 'fatal') {
      await markFailed(db, entry.id, message, undefined, claimed.attempts);
      throw new AppError('conflict', `${capitalise(call.what)} was refused: ${message}`);
    }
    await markIndeterminate(db, entry.id, message, retryIn, claimed.attempts);
    throw new AppError('unavailable', `${capitalise(call.what)} was not confirmed (${message}). Trying again is safe: what landed is checked first and never sent twice.`);
  }
  const stored = call.keep(result);
  if (!(await markSucceeded(db, entry.id, stored, claimed.attempts))) {
    // This sender stalled and another took the entry over (after a read-back): its outcome stands.
    const [now] = await db.select().from(outbox).where(eq(outbox.id, entry.id));
    if (now?.status === 'succeeded') return { stored: now.response ?? {}, result: null };
    await markSucceeded(db, entry.id, stored);
  }
  return { stored, result };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
