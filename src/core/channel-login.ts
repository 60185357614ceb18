import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { channels } from '../db/schema.ts';
import type { ChannelDescriptor, PushContext } from './channel-descriptor.ts';

/**
 * A channel's login as a channel-wide state: when the marketplace refuses the channel's credentials
 * (a changed password, a locked login), every stream of the channel is in trouble whatever its last
 * run said, until a later login succeeds. Written by whichever process tried the login.
 */
export interface LoginRefusal {
  at: Date;
  reason: string;
}

export async function noteLoginRefused(db: Db, channelId: number, reason: string, at = new Date()): Promise<void> {
  await db.update(channels).set({ loginRefusedAt: at, loginRefusedReason: reason }).where(eq(channels.id, channelId));
}

/**
 * A login succeeded at `loggedInAt`: a refusal noted before it no longer holds. A refusal noted after
 * it (another process, a newer password) stays.
 */
export async function noteLoginSucceeded(db: Db, channelId: number, loggedInAt: Date): Promise<void> {
  await db
    .update(channels)
    .set({ loginRefusedAt: null, loginRefusedReason: null })
    .where(
      and(
        eq(channels.id, channelId),
        sql`${channels.loginRefusedAt} is not null and ${channels.loginRefusedAt} < ${loggedInAt.toISOString()}`,
      ),
    );
}

export function loginRefusalOf(row: {
  loginRefusedAt: Date | null;
  loginRefusedReason: string | null;
}): LoginRefusal | null {
  return row.loginRefusedAt
    ? { at: row.loginRefusedAt, reason: row.loginRefusedReason ?? 'The login was refused.' }
    : null;
}

/**
 * A push (invoice, shipment, dispatch, cancel) wrapped so that the marketplace refusing the channel's
 * login during it marks the channel as a sync run's refusal does — without this, a password changed at
 * the marketplace showed only on the order that failed, and no alert fired. The push is otherwise
 * untouched: its error goes on to the outbox and the person as before.
 */
export function notingLoginRefusal<Args extends unknown[], R>(
  descriptor: Pick<ChannelDescriptor, 'loginRefused'>,
  push: (context: PushContext, ...args: Args) => Promise<R>,
): (context: PushContext, ...args: Args) => Promise<R> {
  return async (context, ...args) => {
    try {
      return await push(context, ...args);
    } catch (error) {
      const refused = descriptor.loginRefused?.(error);
      if (refused) await noteLoginRefused(context.database.db, context.channel.id, refused);
      throw error;
    }
  };
}
