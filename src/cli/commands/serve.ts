import { Command } from 'commander';
import { startService, type ServiceRoles } from '../../service.ts';
import { onShutdown, runCommand } from '../boot.ts';
import { ensureConsoleBuilt } from '../console-build.ts';

/** `weft start` (API + scheduler + workers), `weft api` (API only), `weft worker` (workers only). */
function serveCommand(name: string, description: string, roles: ServiceRoles): Command {
  return new Command(name).description(description).action(() =>
    runCommand(async (config, log) => {
      if (roles.work && !roles.api && !config.databaseUrl) {
        log.warn(
          'weft worker on the embedded database shares nothing with other processes: set DATABASE_URL to scale out.',
        );
      }
      // The API serves the console at /: build it on a fresh clone before the server starts.
      if (roles.api) ensureConsoleBuilt((level, line) => log[level](line));
      const service = await startService(config, log, roles);
      log.info(
        {
          database: `${service.database.kind} (${service.database.location})`,
          url: roles.api ? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}` : undefined,
          roles,
        },
        'weft is running',
      );
      onShutdown(log, () => service.stop());
    }),
  );
}

export const startCommand = () =>
  serveCommand('start', 'Run the API, the scheduler and the workers in one process.', { api: true, work: true });
export const apiCommand = () =>
  serveCommand('api', 'Run the API only (jobs are worked by `weft worker` processes).', { api: true, work: false });
export const workerCommand = () =>
  serveCommand('worker', 'Run workers and the scheduler only; start several on PostgreSQL to scale out.', {
    api: false,
    work: true,
  });
