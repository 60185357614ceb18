import type { Database } from '../../db/connect.ts';
import type { ChannelDescriptor } from '../channel-descriptor.ts';
import type { AlertSettings } from './settings.ts';

/**
 * One alert rule: what it watches, and what is wrong right now. A rule returns one finding per
 * subject in trouble (a channel code, `channel:stream`, a queue); the evaluator (evaluate.ts) turns
 * findings into alerts that fire, repeat and resolve. A rule keeps no state of its own: a subject
 * missing from its findings is a subject that is fine again.
 */
export interface AlertFinding {
  /** What is in trouble, stable between evaluations (the alert's identity with the rule's name). */
  subject: string;
  /** One sentence a person can act on: what is wrong, since when, what to do. */
  summary: string;
}

export interface RuleContext {
  database: Database;
  /** The channel types this process knows (for stream schedules). */
  lookup: (type: string) => ChannelDescriptor | undefined;
  settings: AlertSettings;
  now: Date;
}

export interface AlertRule {
  /** Stable id stored with each alert, `kebab-case`. */
  name: string;
  /** What a person reads in the history and in notifications ("Login refused"). */
  title: string;
  evaluate(context: RuleContext): Promise<AlertFinding[]>;
}

export const minutesText = (minutes: number) =>
  minutes < 120 ? `${Math.round(minutes)} min` : `${Math.round((minutes / 60) * 10) / 10} h`;
