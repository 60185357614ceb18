import { eq } from 'drizzle-orm';
import { channels } from '../../../db/schema.ts';
import { minutesText, type AlertFinding, type AlertRule } from '../rule.ts';

const dayMinutes = 24 * 60;

/**
 * A scheduled stream of an active channel that has not succeeded for longer than its interval × N
 * (daily streams: a day × N), and never less than the least delay setting. Counted from the stream's last successful run, or from when the channel
 * was added when it never succeeded. Streams the channel's settings switch off are left alone.
 */
export const streamStaleRule: AlertRule = {
  name: 'stream-stale',
  title: 'Stream without success',
  async evaluate({ database, lookup, settings, now }) {
    const active = await database.db.select().from(channels).where(eq(channels.status, 'active'));
    if (active.length === 0) return [];
    const { rows } = await database.query<{ channel_id: number; stream: string; at: Date | string }>(
      `select channel_id, stream, max(finished_at) as at from sync_runs
       where status = 'succeeded' and channel_id = any($1::int[]) group by channel_id, stream`,
      [active.map((c) => c.id)],
    );
    const lastSuccess = new Map(rows.map((r) => [`${r.channel_id}:${r.stream}`, new Date(r.at)]));
    const findings: AlertFinding[] = [];
    for (const channel of active) {
      for (const stream of lookup(channel.type)?.streams ?? []) {
        const schedule = stream.schedule(channel.settings);
        if (!schedule || stream.disabledBecause(channel.settings)) continue;
        const interval = 'everyMinutes' in schedule ? schedule.everyMinutes : dayMinutes;
        const limit = Math.max(interval * settings.streamStaleFactor, settings.streamStaleMinMinutes);
        const success = lastSuccess.get(`${channel.id}:${stream.name}`);
        const since = success ?? channel.createdAt;
        const minutes = (now.getTime() - since.getTime()) / 60_000;
        if (minutes <= limit) continue;
        findings.push({
          subject: `${channel.code}:${stream.name}`,
          summary: `The ${stream.name} stream of channel ${channel.code} has not succeeded for ${minutesText(minutes)} (${success ? `last success ${success.toISOString()}` : 'never since the channel was added'}; the limit is ${minutesText(limit)}: ${settings.streamStaleFactor} × its interval, at least ${minutesText(settings.streamStaleMinMinutes)}). See its runs on Sync runs.`,
        });
      }
    }
    return findings;
  },
};
