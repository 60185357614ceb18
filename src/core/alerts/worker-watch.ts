import type { Database } from '../../db/connect.ts';
import type { Logger } from '../../log.ts';
import type { ChannelDescriptor } from '../channel-descriptor.ts';
import type { SecretBox } from '../secrets.ts';
import { deliverDue } from './deliveries.ts';
import { evaluateAlerts } from './evaluate.ts';
import { noLiveWorkerRule } from './rules/no-live-worker.ts';

/**
 * The "no live worker" rule from a process that works no jobs (`weft api`). The scheduler's own
 * evaluation runs in a worker, so it cannot notice that every worker has stopped; an API process
 * can, and sends what is due too (claims are shared, so nothing goes twice). Every minute.
 */
export function startWorkerWatch(
  options: {
    database: Database;
    secrets: SecretBox;
    lookup: (type: string) => ChannelDescriptor | undefined;
    log: Logger;
  },
  everyMs = 60_000,
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const once = async () => {
    try {
      await evaluateAlerts({ database: options.database, lookup: options.lookup }, [noLiveWorkerRule]);
      await deliverDue({ database: options.database, secrets: options.secrets });
    } catch (error) {
      options.log.warn({ err: error }, 'worker watch not evaluated');
    }
  };
  const timer = setInterval(() => {
    if (!running)
      running = once().finally(() => {
        running = undefined;
      });
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
