import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/http/app.ts';
import { SecretBox } from '../src/core/secrets.ts';
import type { Database } from '../src/db/connect.ts';
import { JobRuntime } from '../src/jobs/runtime.ts';
import { jobDefinitions } from '../src/jobs/definitions/index.ts';
import { createLogger } from '../src/log.ts';
import { channelDescriptor } from '../src/channels/registry.ts';

/**
 * Weft's HTTP app on a migrated database, as `weft api` builds it but silent and working no jobs: the
 * benchmarks measure the API, not the background work. `close()` stops the app and the job runtime.
 */
export async function startBenchApp(database: Database) {
  const log = createLogger('silent');
  const secrets = new SecretBox(randomBytes(32));
  const jobs = await JobRuntime.start({
    database,
    secrets,
    lookup: channelDescriptor,
    log,
    definitions: jobDefinitions,
    work: false,
    supervise: false,
    concurrency: 1,
    superviseSeconds: 30,
  });
  const app = await buildApp({ database, secrets, jobs, log });
  return {
    app,
    secrets,
    async close() {
      await app.close();
      await jobs.stop(1);
    },
  };
}
