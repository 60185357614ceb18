import type PgBoss from 'pg-boss';
import type { Database } from '../db/connect.ts';
import type { ChannelDescriptor } from '../core/channel-descriptor.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Logger } from '../log.ts';

/** What a job handler gets besides its data. */
export interface JobContext {
  database: Database;
  secrets: SecretBox;
  /**
   * The channel types this process knows, handed in by whoever starts the runtime (src/service.ts):
   * jobs, like the core, never import a channel module (test/architecture.test.ts).
   */
  lookup: (type: string) => ChannelDescriptor | undefined;
  log: Logger;
  /** To enqueue follow-up work. */
  send: (
    name: string,
    data: object,
    options?: { singletonKey?: string; startAfterSeconds?: number },
  ) => Promise<string | null>;
}

/** The job being worked, and the process (weft_workers.id) working it. */
export interface JobInfo {
  id: string;
  retryCount: number;
  workerId: string;
}

export interface JobDefinition<T extends object = object> {
  /** Queue name, `area.verb`. */
  name: string;
  description: string;
  /**
   * `singleton`: at most one job per singleton key is active at once, across every worker process.
   * Only for queues with one key (cron jobs): pg-boss fetches the oldest waiting job first, and when
   * its key is already active the fetch fails for the whole queue, so a busy key would hold up every
   * other key. Work that must not overlap per key (sync runs per channel and stream) uses `standard`
   * and its own lease instead. `standard`: no such limit.
   */
  policy: 'standard' | 'singleton' | 'stately';
  retryLimit: number;
  retryDelaySeconds: number;
  /**
   * How long one attempt may run before pg-boss fails and retries it. Not how a killed worker's job
   * comes back: that is the heartbeat supervisor's work, within WEFT_JOBS_SUPERVISE_SECONDS.
   */
  expireInSeconds: number;
  /** Cron in IST (Asia/Kolkata), for work that recurs. */
  cron?: string;
  handler: (data: T, context: JobContext, job: JobInfo) => Promise<unknown>;
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
