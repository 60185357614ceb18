// `weft demo`: Weft on a fresh embedded database with an in-process AJIO sandbox, a seeded warehouse,
// SKU master and channel, and a trickle of customer orders and POs, so a newcomer with no AJIO account
// can work the whole flow at once. Ctrl+C stops it all and removes the temporary data folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { AppError } from '../../core/errors.ts';
import { seedDemo, demoUsers } from '../../demo/seed.ts';
import { startTrickle } from '../../demo/trickle.ts';
import { welcomeText } from '../../demo/welcome.ts';
import { createLogger } from '../../log.ts';
import { createAjioSandbox } from '../../sandbox/ajio/server.ts';
import { SandboxControl } from '../../sandbox/ajio/control-client.ts';
import { startService } from '../../service.ts';
import { onShutdown, runCommand } from '../boot.ts';
import { ensureConsoleBuilt } from '../console-build.ts';
import { setPrivateUrlsAllowed } from '../../net/outbound-url.ts';

interface DemoOptions {
  port?: number;
  sandboxPort: number;
  dataDir?: string;
  styles: number;
  trickleSeconds: number;
  poSeconds: number;
  returnSeconds: number;
}

const sandboxSeller = { username: 'DVDEMO01', password: 'demo-api-secret' };

function wholeNumber(name: string, min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max)
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
}

/** A port somebody else holds is the one start-up failure a newcomer meets often: name the flag. */
async function listening<T>(flag: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new AppError('conflict', `Port ${port} is in use: give ${flag} another port.`);
    }
    throw error;
  }
}

const clock = () => new Date().toLocaleTimeString('en-GB', { timeZone: 'Asia/Kolkata', hour12: false });

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'Try Weft without an AJIO account: a fresh database, an AJIO sandbox, a seeded channel and a trickle of orders',
    )
    .option('--port <port>', 'port of the Weft API (default: PORT or 8080)', wholeNumber('--port', 1, 65535))
    .option('--sandbox-port <port>', 'port of the AJIO sandbox', wholeNumber('--sandbox-port', 1, 65535), 4010)
    .option(
      '--data-dir <folder>',
      'keep the demo database (and sandbox state) in this folder; default: a new temporary folder removed on exit',
    )
    .option('--styles <n>', 'styles in the sandbox catalogue (4 sizes each)', wholeNumber('--styles', 1, 2000), 30)
    .option(
      '--trickle-seconds <n>',
      'place 1–3 customer orders every N seconds',
      wholeNumber('--trickle-seconds', 1, 86400),
      20,
    )
    .option(
      '--po-seconds <n>',
      'raise POs from open pendency every N seconds',
      wholeNumber('--po-seconds', 1, 86400),
      60,
    )
    .option(
      '--return-seconds <n>',
      'a customer returns a unit of a dispatched PO every N seconds',
      wholeNumber('--return-seconds', 1, 86400),
      90,
    )
    .action((opts: DemoOptions) =>
      runCommand(async (baseConfig, baseLog) => {
        // The welcome is the point of the demo: info logs would bury it unless LOG_LEVEL asks for them.
        const log = process.env.LOG_LEVEL ? baseLog : createLogger('warn');
        // Before the service starts: it serves the console only if web/dist is there by then.
        ensureConsoleBuilt((_, line) => console.log(line));
        const temporary = !opts.dataDir;
        const dataDir = opts.dataDir ? resolve(opts.dataDir) : mkdtempSync(join(tmpdir(), 'weft-demo-'));
        const users = demoUsers();
        const config = {
          ...baseConfig,
          port: opts.port ?? baseConfig.port,
          dataDir,
          // Always the embedded database and its own key file: the demo never touches a real server.
          databaseUrl: undefined,
          masterKey: undefined,
          admin: { username: users[0].username, password: users[0].password },
          // In-flight demo jobs need not finish on Ctrl+C: they go back to the queue of a throwaway database.
          shutdownGraceSeconds: Math.min(baseConfig.shutdownGraceSeconds, 5),
          // The demo's channel talks to the sandbox on this machine, over plain http: to loopback.
          allowPrivateUrls: true,
        };
        setPrivateUrlsAllowed(true);

        const sandbox = await createAjioSandbox({
          sellers: [sandboxSeller],
          catalog: { styles: opts.styles, seed: 42 },
          rateLimit: 10,
          market: { poEverySeconds: 0 },
          snapshotFile: temporary ? undefined : join(dataDir, 'ajio-sandbox.json'),
        });
        // Undone in reverse: trickle, service, sandbox, then the temporary folder.
        const cleanups: (() => Promise<void>)[] = [];
        if (temporary) cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
        cleanups.push(() => sandbox.close());
        const stopAll = async () => {
          for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
        };

        try {
          const sandboxUrl = await listening('--sandbox-port', opts.sandboxPort, () =>
            sandbox.listen({ port: opts.sandboxPort, host: '127.0.0.1' }),
          );
          const origin = new URL(sandboxUrl).origin;
          const service = await listening('--port', config.port, () =>
            startService(config, log, { api: true, work: true }),
          );
          cleanups.push(() => service.stop());
          const send = service.jobs.send.bind(service.jobs);
          const seed = await seedDemo({
            database: service.database,
            secrets: service.secrets,
            send,
            log,
            users,
            sandbox: { url: sandboxUrl, origin, seller: sandboxSeller },
          });
          const trickle = startTrickle({
            control: new SandboxControl(origin),
            seller: sandboxSeller.username,
            database: service.database,
            send,
            channelCode: seed.channel.code,
            log,
            orderSeconds: opts.trickleSeconds,
            poSeconds: opts.poSeconds,
            returnSeconds: opts.returnSeconds,
            note: (line) => console.log(`[${clock()}] ${line}`),
          });
          cleanups.push(() => trickle.stop());

          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          console.log(
            welcomeText({
              apiUrl: `http://${host}:${config.port}`,
              sandboxUrl,
              sandboxSeller,
              users,
              operatorToken: seed.operatorToken,
              channelCode: seed.channel.code,
              warehouse: seed.warehouse,
              skus: seed.skus,
              dataDir,
              temporary,
              orderSeconds: opts.trickleSeconds,
              poSeconds: opts.poSeconds,
            }),
          );
          onShutdown(log, async () => {
            await stopAll();
            console.log('Weft demo stopped.');
          });
        } catch (error) {
          await stopAll().catch(() => {});
          throw error;
        }
      }),
    );
}
