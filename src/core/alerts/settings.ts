import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { weftMeta } from '../../db/schema.ts';
import { AppError } from '../errors.ts';

/**
 * The thresholds of the alert rules and how often a lasting alert is repeated. Kept in weft_meta as
 * JSON, edited by an admin on Settings → Alerts; every field has a default, so an install that never
 * touched them alerts sensibly, and a value saved by an older Weft is read with today's defaults.
 */
const whole = (what: string, min: number, max: number) =>
  z
    .number({ error: `Give ${what} as a number.` })
    .int(`Give ${what} as a whole number.`)
    .min(min, `${what} must be at least ${min}.`)
    .max(max, `${what} must be at most ${max}.`);

export const alertSettingsSchema = z.object({
  /** A lasting alert is sent again at most this often (minutes). */
  repeatMinutes: whole('The repeat interval (minutes)', 1, 7 * 24 * 60).default(60),
  /** A stream alerts when it has not succeeded for its interval × this. */
  streamStaleFactor: whole('The stream factor N', 1, 100).default(3),
  /** …but never sooner than this (minutes): a stream run every minute does not alert after a 3-minute blip. */
  streamStaleMinMinutes: whole('The least stream delay (minutes)', 1, 7 * 24 * 60).default(15),
  /** An outbox item waiting longer than this alerts (minutes). */
  outboxMaxAgeMinutes: whole('The outbox age limit (minutes)', 1, 7 * 24 * 60).default(30),
  /** The latest reconciliation of a channel alerts when more than this share of listings drifted. */
  reconciliationDriftShare: z
    .number({ error: 'Give the drift share as a number between 0 and 1.' })
    .min(0, 'The drift share must be between 0 and 1.')
    .max(1, 'The drift share must be between 0 and 1.')
    .default(0.05),
  /** A dead-lettered job alerts while it is younger than this (hours). */
  deadJobWindowHours: whole('The dead-letter window (hours)', 1, 30 * 24).default(24),
  /** Fewer job workers with a fresh heartbeat than this alerts. */
  minLiveWorkers: whole('The least number of live workers', 1, 1000).default(1),
});

export type AlertSettings = z.infer<typeof alertSettingsSchema>;
export const defaultAlertSettings: AlertSettings = alertSettingsSchema.parse({});

const settingsKey = 'alert_settings';

export async function readAlertSettings(db: Db): Promise<AlertSettings> {
  const [row] = await db.select().from(weftMeta).where(eq(weftMeta.key, settingsKey));
  if (!row) return defaultAlertSettings;
  const parsed = alertSettingsSchema.safeParse(JSON.parse(row.value));
  // A stored value no longer valid (a limit tightened since) falls back to the defaults, not to no alerts.
  return parsed.success ? parsed.data : defaultAlertSettings;
}

/** Saves a change (fields not given keep their value); refuses a bad value naming it. */
export async function saveAlertSettings(db: Db, change: Partial<AlertSettings>): Promise<AlertSettings> {
  const merged = alertSettingsSchema.safeParse({ ...(await readAlertSettings(db)), ...change });
  if (!merged.success) {
    const issue = merged.error.issues[0];
    throw new AppError('invalid', issue.message, { field: issue.path.join('.') });
  }
  await db
    .insert(weftMeta)
    .values({ key: settingsKey, value: JSON.stringify(merged.data) })
    .onConflictDoUpdate({ target: weftMeta.key, set: { value: sql`excluded.value` } });
  return merged.data;
}
