import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { outbox } from '../../db/schema.ts';
import { ChannelPushError } from '../channel-descriptor.ts';
import { WithheldWrite } from '../channel-mode/gate.ts';
import { AppError } from '../errors.ts';
import {
  claimEntry,
  enqueue,
  markFailed,
  markIndeterminate,
  markRetry,
  markSucceeded,
  markSucceededUnlessDone,
  markWithheld,
  rememberMemo,
  type OutboxEntry,
} from './outbox.ts';

/**
 * Sends one outbound marketplace call exactly once, through its outbox entry: the entry is claimed
 * by one caller at a time (one left in flight by a stopped process is taken over after a while), a
 * succeeded entry answers from what it stored without calling again, and failures are recorded as
 * the channel classified them — retryable (surely no effect), indeterminate (read back before
 * sending again; the channel's push does that with its memo) or fatal (refused).
 *
 * This is the one path for every outbound call: nothing else claims or marks outbox entries.
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
  /**
   * A result that is an answer but a refusal as a whole (every line refused): the entry is marked
   * failed, keeping the result, and the error returned here is thrown.
   */
  refusal?(result: R): AppError | null;
  /**
   * Applies what the call did, in the transaction that marks the entry succeeded, so the effect and
   * the mark land together or not at all (a repeated call then finds neither or both).
   */
  apply?(tx: Db, result: R): Promise<void>;
  /** Messages of the caller's own for the outcomes a person sees; `detail` is the channel's message. */
  say?: Partial<Record<'busy' | 'retryable' | 'fatal' | 'indeterminate', (detail: string) => string>>;
}

export async function sendOnce<R>(
  db: Db,
  call: SendOnce<R>,
): Promise<{ stored: Record<string, unknown>; result: R | null }> {
  const entry = await enqueue(db, {
    channelId: call.channelId,
    kind: call.kind,
    idempotencyKey: call.idempotencyKey,
    payload: { ...call.payload, memo: {} },
  });
  if (entry.status === 'succeeded') return { stored: entry.response ?? {}, result: null };
  const claimed = await claimEntry(db, entry.id);
  if (!claimed) {
    const now = await current(db, entry.id);
    if (now?.status === 'succeeded') return { stored: now.response ?? {}, result: null };
    throw new AppError(
      'conflict',
      call.say?.busy?.('') ?? `${capitalise(call.what)} is being sent right now: look again in a minute.`,
    );
  }
  const result = await attempt(db, call, claimed);
  const stored = call.keep(result);
  const refused = call.refusal?.(result);
  if (refused) {
    await markFailed(db, entry.id, refused.message, stored, claimed.attempts);
    throw refused;
  }
  const earlier = await settle(db, call, entry.id, stored, result, claimed.attempts);
  return earlier ? { stored: earlier, result: null } : { stored, result };
}

/** Sends the claimed entry's call, recording a failure as the channel classified it before rethrowing it for a person. */
async function attempt<R>(db: Db, call: SendOnce<R>, claimed: OutboxEntry): Promise<R> {
  const memo = (claimed.payload as { memo?: Record<string, unknown> }).memo ?? {};
  const remember = (next: Record<string, unknown>) => rememberMemo(db, claimed.id, next);
  try {
    return await call.send(memo, remember);
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof WithheldWrite) {
      // The channel's mode kept the call back: nothing reached the marketplace and nothing is applied.
      // The entry is marked 'withheld' (not pending: no retry waits on it, and the channel's push
      // health shows nothing owed); the same call made once the channel is live sends it.
      await markWithheld(db, claimed.id, message, claimed.attempts);
      throw new AppError(
        'conflict',
        `${message} Nothing changed at the marketplace or in Weft: switch the channel to live (or to canary with this PO allowed) to send ${call.what}.`,
      );
    }
    if (error instanceof ChannelPushError && error.kind === 'retryable') {
      await markRetry(db, claimed.id, message, claimed.attempts);
      throw new AppError(
        'unavailable',
        call.say?.retryable?.(message) ??
          `${capitalise(call.what)} could not be sent now (${message}); nothing changed there: it will be tried again.`,
      );
    }
    if (error instanceof ChannelPushError && error.kind === 'fatal') {
      await markFailed(db, claimed.id, message, undefined, claimed.attempts);
      throw new AppError('conflict', call.say?.fatal?.(message) ?? `${capitalise(call.what)} was refused: ${message}`);
    }
    await markIndeterminate(db, claimed.id, message, claimed.attempts);
    throw new AppError(
      'unavailable',
      call.say?.indeterminate?.(message) ??
        `${capitalise(call.what)} was not confirmed (${message}). Trying again is safe: what landed is checked first and never sent twice.`,
    );
  }
}

/**
 * Marks the entry succeeded (and applies the result with it). When this sender stalled and another
 * took the entry over, the mark held by its attempt is refused: if the other has succeeded its
 * outcome stands and is returned (nothing applied twice); otherwise this outcome is recorded, unless
 * another sender succeeded in the meantime.
 */
async function settle<R>(
  db: Db,
  call: SendOnce<R>,
  id: number,
  stored: Record<string, unknown>,
  result: R,
  attempts: number,
): Promise<Record<string, unknown> | null> {
  const markAndApply = (mark: (tx: Db) => Promise<boolean>) =>
    db.transaction(async (tx) => {
      if (!(await mark(tx))) return false;
      await call.apply?.(tx, result);
      return true;
    });
  if (await markAndApply((tx) => markSucceeded(tx, id, stored, attempts))) return null;
  if (await markAndApply((tx) => markSucceededUnlessDone(tx, id, stored))) return null;
  return (await current(db, id))?.response ?? {};
}

async function current(db: Db, id: number): Promise<OutboxEntry | undefined> {
  const [now] = await db.select().from(outbox).where(eq(outbox.id, id));
  return now;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
