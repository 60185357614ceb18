import { z } from 'zod';

/**
 * The PO SLA clock: pure functions over (PO date, now, settings). A marketplace expects a JIT PO
 * dispatched within a target (a JIT marketplace: 95% within 24 hours) and always within a limit (48 hours), both
 * counted from the PO date — an instant, shown in IST. Nothing here reads a clock: callers pass `now`,
 * so a test's clock (the sandbox's, moved ahead) decides every answer.
 */
export const slaSettingsSchema = z
  .object({
    /** Hours from the PO date to dispatch by (the target the marketplace measures most POs against). */
    targetHours: z
      .number()
      .int('Give the dispatch target in whole hours.')
      .min(1, 'The dispatch target is at least 1 hour.')
      .max(720, 'The dispatch target is at most 720 hours (30 days).')
      .default(24),
    /** Hours from the PO date after which the marketplace treats the PO as breached outright. */
    limitHours: z
      .number()
      .int('Give the dispatch limit in whole hours.')
      .min(1, 'The dispatch limit is at least 1 hour.')
      .max(720, 'The dispatch limit is at most 720 hours (30 days).')
      .default(48),
    /** A PO with this many hours or fewer left to its target is "at risk". */
    atRiskHours: z
      .number()
      .int('Give the at-risk warning in whole hours.')
      .min(0, 'The at-risk warning is 0 hours or more.')
      .max(720)
      .default(6),
  })
  .refine((s) => s.limitHours >= s.targetHours, {
    message: 'The dispatch limit comes after the target: make it at least as many hours as the target.',
    path: ['limitHours'],
  })
  .refine((s) => s.atRiskHours < s.targetHours, {
    message: 'The at-risk warning must start before the PO is due: make it fewer hours than the target.',
    path: ['atRiskHours'],
  });
export type SlaSettings = z.output<typeof slaSettingsSchema>;

export const defaultSlaSettings: SlaSettings = slaSettingsSchema.parse({});

/** Settings saved before a field existed, or unreadable ones, fall back to the defaults. */
export function slaSettingsOf(value: unknown): SlaSettings {
  const parsed = slaSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : defaultSlaSettings;
}

/** An open PO: before its target (due), close to it (at risk), past it, past the limit. */
export const openSlaStates = ['due', 'at_risk', 'breached_target', 'breached_limit'] as const;
/** A PO whose clock stopped: dispatched (on time or late), or cancelled. */
export const slaStates = [...openSlaStates, 'dispatched_on_time', 'dispatched_late', 'cancelled'] as const;
export type SlaState = (typeof slaStates)[number];
export type OpenSlaState = (typeof openSlaStates)[number];

/** How long a PO has waited, from its PO date to now (or to dispatch). */
export const ageingBuckets = ['<12h', '12-24h', '24-48h', '>48h'] as const;
export type AgeingBucket = (typeof ageingBuckets)[number];

export interface SlaClock {
  /** PO date + target. */
  dispatchBy: Date;
  /** PO date + limit. */
  dispatchLimit: Date;
  state: SlaState;
  ageHours: number;
  bucket: AgeingBucket;
  /** Whole hours left to the target, rounded up ("due in 4 h" at 3 h 59 m); negative once past it. */
  dueInHours: number;
  /** What the console shows: "due in 4 h", "breached target", "dispatched late", … */
  label: string;
}

const hourMs = 3_600_000;

export const dispatchByOf = (poDate: Date, settings: SlaSettings) =>
  new Date(poDate.getTime() + settings.targetHours * hourMs);
export const dispatchLimitOf = (poDate: Date, settings: SlaSettings) =>
  new Date(poDate.getTime() + settings.limitHours * hourMs);

export function ageingBucket(ageHours: number): AgeingBucket {
  if (ageHours < 12) return '<12h';
  if (ageHours < 24) return '12-24h';
  if (ageHours < 48) return '24-48h';
  return '>48h';
}

/**
 * The state of an open PO at `now`: breached once now is past the instant (the target and limit
 * instants themselves still count as met), at risk within `atRiskHours` of the target.
 */
export function openSlaState(poDate: Date, now: Date, settings: SlaSettings): OpenSlaState {
  const t = now.getTime();
  if (t > dispatchLimitOf(poDate, settings).getTime()) return 'breached_limit';
  const by = dispatchByOf(poDate, settings).getTime();
  if (t > by) return 'breached_target';
  if (t >= by - settings.atRiskHours * hourMs) return 'at_risk';
  return 'due';
}

export interface SlaFacts {
  poDate: Date;
  /** When the PO was dispatched (its first shipped event); the clock stops there. */
  dispatchedAt?: Date | null;
  cancelled?: boolean;
}

export function slaClock(facts: SlaFacts, now: Date, settings: SlaSettings): SlaClock {
  const { poDate } = facts;
  const dispatchBy = dispatchByOf(poDate, settings);
  const dispatchLimit = dispatchLimitOf(poDate, settings);
  const end = facts.dispatchedAt ?? now;
  const ageHours = (end.getTime() - poDate.getTime()) / hourMs;
  const dueInHours = Math.ceil((dispatchBy.getTime() - now.getTime()) / hourMs);
  let state: SlaState;
  if (facts.dispatchedAt)
    state = facts.dispatchedAt.getTime() <= dispatchBy.getTime() ? 'dispatched_on_time' : 'dispatched_late';
  else if (facts.cancelled) state = 'cancelled';
  else state = openSlaState(poDate, now, settings);
  return {
    dispatchBy,
    dispatchLimit,
    state,
    ageHours,
    bucket: ageingBucket(ageHours),
    dueInHours,
    label: slaLabel(state, dueInHours),
  };
}

export function slaLabel(state: SlaState, dueInHours: number): string {
  switch (state) {
    case 'due':
    case 'at_risk':
      return `due in ${Math.max(dueInHours, 0)} h`;
    case 'breached_target':
      return 'breached target';
    case 'breached_limit':
      return 'breached limit';
    case 'dispatched_on_time':
      return 'dispatched on time';
    case 'dispatched_late':
      return 'dispatched late';
    case 'cancelled':
      return 'cancelled';
  }
}
