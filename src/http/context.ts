import type { Database } from '../db/connect.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { JobRuntime } from '../jobs/runtime.ts';
import type { Logger } from '../log.ts';

/** What routes are built with. */
export interface AppContext {
  database: Database;
  secrets: SecretBox;
  jobs: JobRuntime;
  log: Logger;
}
