import type { Database } from '../../db/connect.ts';
import { createLogger, type Logger } from '../../log.ts';
import { redactExchange } from './redact.ts';
import { insertWireExchange, wireJournalSettings } from './store.ts';
import type { WireExchange, WireJournal } from './types.ts';

/**
 * The wire journal a channel's client writes through: redacts, then inserts in the background. The
 * call it records never waits for the write and never sees it fail — a failure is logged. Whether the
 * channel captures is read from the database at most every few seconds, so any process (an API, a
 * worker on another machine) follows an admin's switch without a restart.
 */
const settingsTtlMs = 5_000;

interface Cached {
  enabled: boolean;
  until: number;
}

const cache = new WeakMap<Database, Map<number, Cached>>();
const pending = new Set<Promise<void>>();
let fallbackLog: Logger | null = null;

/** Forgets what this process knows of a channel's switch: the next call reads it again. */
export function forgetWireJournalSetting(database: Database, channelId: number): void {
  cache.get(database)?.delete(channelId);
}

async function capturing(database: Database, channelId: number): Promise<boolean> {
  let perDb = cache.get(database);
  if (!perDb) {
    perDb = new Map();
    cache.set(database, perDb);
  }
  const hit = perDb.get(channelId);
  if (hit && hit.until > Date.now()) return hit.enabled;
  const { enabled } = await wireJournalSettings(database.db, channelId);
  perDb.set(channelId, { enabled, until: Date.now() + settingsTtlMs });
  return enabled;
}

export function databaseWireJournal(database: Database, channelId: number, log?: Logger): WireJournal {
  return {
    record(exchange: WireExchange, secrets: string[]) {
      let safe: WireExchange;
      try {
        // Redacted at once, while the secrets are at hand: nothing unredacted waits in memory.
        safe = redactExchange(exchange, secrets);
      } catch (error) {
        logOf(log).warn(
          { channelId, call: exchange.call, err: (error as Error).message },
          'wire journal: could not redact an exchange; not kept',
        );
        return;
      }
      const write = (async () => {
        if (!(await capturing(database, channelId))) return;
        await insertWireExchange(database.db, channelId, safe);
      })().catch((error: Error) => {
        logOf(log).warn(
          { channelId, call: safe.call, err: error.message },
          'wire journal: the exchange could not be written; the call went on',
        );
      });
      pending.add(write);
      void write.finally(() => pending.delete(write));
    },
  };
}

/** Resolves once every journal write started so far has finished (tests, and an orderly stop). */
export async function wireJournalSettled(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}

function logOf(log: Logger | undefined): Logger {
  if (log) return log;
  fallbackLog ??= createLogger(process.env.LOG_LEVEL ?? 'info');
  return fallbackLog;
}
