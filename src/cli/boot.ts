import { ConfigError, loadConfig, type Config } from '../config/config.ts';
import { AppError } from '../core/errors.ts';
import { createLogger, type Logger } from '../log.ts';
import { setPrivateUrlsAllowed } from '../net/outbound-url.ts';

/**
 * Runs a command body with validated configuration and a logger. A bad setting or a refused input
 * ends the process with one line naming it (exit 1); anything else is a bug and shows its stack.
 */
export async function runCommand(body: (config: Config, log: Logger) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig();
    // Every command (start, worker, sync, demo) checks outbound addresses by the same setting.
    setPrivateUrlsAllowed(config.allowPrivateUrls);
    await body(config, createLogger(config.logLevel));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AppError) {
      process.stderr.write(`weft: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Calls `stop` once on SIGTERM or SIGINT, then exits; a second signal exits at once. */
export function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    log.info({ signal }, 'stopping: draining jobs and requests');
    stop().then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
