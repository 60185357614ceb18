import { channelDescriptor } from '../../src/channels/registry.ts';
import type { StreamContext } from '../../src/core/channel-descriptor.ts';
import { executeRun } from '../../src/core/sync/execute.ts';
import { getRun } from '../../src/core/sync/runs.ts';
import { createLogger } from '../../src/log.ts';
import type { TestApp } from './app.ts';

export interface RunOptions {
  retryOf?: number;
  /** Wraps the stream's context, to act between pages (inject faults, move the clock). */
  wrap?: (ctx: StreamContext) => StreamContext;
}

/**
 * Asks for a run through the API, as a person or the scheduler would, and executes it here in the
 * test (createTestApp starts no worker), optionally with the stream's context wrapped.
 */
export async function runStream(t: TestApp, channelCode: string, stream: string, options: RunOptions = {}) {
  const asked = options.retryOf
    ? await t.call('POST', `/api/sync-runs/${options.retryOf}/retry`)
    : await t.call('POST', `/api/channels/${channelCode}/sync/${stream}`);
  if (asked.statusCode !== 202) throw new Error(`run ${stream}: ${asked.body}`);
  const runId = asked.json().runId as number;
  const wrap = options.wrap;
  const lookup = (type: string) => {
    const descriptor = channelDescriptor(type);
    if (!descriptor || !wrap) return descriptor;
    return {
      ...descriptor,
      streams: descriptor.streams.map((s) =>
        s.name === stream ? { ...s, run: (ctx: StreamContext) => s.run(wrap(ctx)) } : s,
      ),
    };
  };
  await executeRun(
    { database: t.database, secrets: t.secrets, lookup, log: createLogger('silent') },
    runId,
    options.retryOf ?? null,
  );
  return getRun(t.database.db, runId);
}
