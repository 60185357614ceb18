import type PgBoss from 'pg-boss';
import type { Database } from '../db/connect.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Logger } from '../log.ts';

/** What a job handler gets besides its data. */
export interface JobContext {
  database: Database;
  secrets: SecretBox;
  log: Logger;
  /** To enqueue follow-up work. */
  send: (name: string, data: object, options?: { singletonKey?: string }) => Promise<string | null>;
}

export interface JobDefinition<T extends object = object> {
  /** Queue name, `area.verb`. */
  name: string;
  description: string;
  /**
   * `singleton`: at most one job per singleton key (a channel code) is active at once, across every
   * worker process — two pulls of one channel's orders never overlap. `standard`: no such limit.
   */
  policy: 'standard' | 'singleton' | 'stately';
  retryLimit: number;
  retryDelaySeconds: number;
  /** How long one attempt may run before it is failed and retried (also how a killed worker's job comes back). */
  expireInSeconds: number;
  /** Cron in IST (Asia/Kolkata), for work that recurs. */
  cron?: string;
  handler: (data: T, context: JobContext, job: { id: string; retryCount: number }) => Promise<unknown>;
}

export function defineJob<T extends object>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}

export const deadLetterQueue = (name: string) => `${name}.dead`;

/** pg-boss queue options from a definition; exhausted jobs land in `<name>.dead` for a person to see. */
export function queueOptions(definition: JobDefinition): PgBoss.Queue {
  return {
    name: definition.name,
    policy: definition.policy,
    retryLimit: definition.retryLimit,
    retryDelay: definition.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: definition.expireInSeconds,
    deadLetter: deadLetterQueue(definition.name),
  };
}
