import { and, eq, isNotNull } from 'drizzle-orm';
import { channels } from '../../../db/schema.ts';
import type { AlertRule } from '../rule.ts';

/** The marketplace refused a channel's login (a changed password, a locked login): every sync of it stops. */
export const loginRefusedRule: AlertRule = {
  name: 'login-refused',
  title: 'Login refused',
  async evaluate({ database }) {
    const rows = await database.db
      .select({
        code: channels.code,
        name: channels.name,
        at: channels.loginRefusedAt,
        reason: channels.loginRefusedReason,
      })
      .from(channels)
      .where(and(isNotNull(channels.loginRefusedAt), eq(channels.status, 'active')));
    return rows.map((r) => ({
      subject: r.code,
      summary: `The marketplace refused the login of channel ${r.code} (${r.name}) at ${r.at!.toISOString()}: ${r.reason ?? 'no reason given'}. Nothing of this channel syncs until its password is corrected in Manage Channels.`,
    }));
  },
};
