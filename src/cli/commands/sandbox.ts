// `weft sandbox`: runs the AJIO JIT sandbox (src/sandbox/ajio) as a standalone server and
// prints its base URL and seller credentials; stops cleanly on SIGINT/SIGTERM.
import { Command, InvalidArgumentError } from 'commander';
import { createAjioSandbox, type AjioSandbox } from '../../sandbox/ajio/server.ts';
import type { SellerInput } from '../../sandbox/ajio/seller.ts';

export interface SandboxCliOptions {
  port: number;
  host: string;
  seller: SellerInput[];
  seed?: number;
  styles?: number;
  prefix?: string;
  rate: number | false;
  snapshot?: string;
  poEvery?: number;
}

const DEFAULT_SELLER: SellerInput = { username: 'DVTEST01', password: 'secret' };

function parseSeller(value: string, previous: SellerInput[]): SellerInput[] {
  const i = value.indexOf(':');
  const username = i < 0 ? value : value.slice(0, i);
  const password = i < 0 ? '' : value.slice(i + 1);
  if (!/^DV[A-Za-z0-9]+$/.test(username))
    throw new InvalidArgumentError(`seller username "${username}" must match ^DV[A-Za-z0-9]+$ (e.g. DVTEST01:secret)`);
  if (!password)
    throw new InvalidArgumentError(`seller "${username}" needs a password: --seller ${username}:<password>`);
  return [...previous, { username, password }];
}

function parseNonNegativeInt(name: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a non-negative integer`);
    return Number(value);
  };
}

function parseRate(value: string): number | false {
  if (value === 'off' || value === '0') return false;
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('--rate must be a positive integer or "off"');
  return Number(value);
}

/** Starts the sandbox and prints how to reach it; returns the running instance. */
export async function runSandbox(
  opts: SandboxCliOptions,
  print: (line: string) => void = console.log,
): Promise<AjioSandbox> {
  const sellers = opts.seller.length > 0 ? opts.seller : [DEFAULT_SELLER];
  const seeded = opts.seed !== undefined || opts.styles !== undefined;
  const sandbox = await createAjioSandbox({
    prefix: opts.prefix,
    rateLimit: opts.rate,
    sellers,
    catalog: seeded ? { styles: opts.styles ?? 200, seed: opts.seed ?? 42 } : undefined,
    snapshotFile: opts.snapshot,
    market: opts.poEvery !== undefined ? { poEverySeconds: opts.poEvery } : undefined,
  });
  const url = await sandbox.listen({ port: opts.port, host: opts.host });
  const origin = new URL(url).origin;
  print('AJIO JIT sandbox is running');
  print(`  Base URL:    ${url}`);
  print(`  Control API: ${origin}/__sandbox/  (see docs/sandbox.md)`);
  print(`  Throttle:    ${opts.rate === false ? 'off' : `${opts.rate} requests/s per seller`}`);
  if (opts.snapshot) print(`  Snapshot:    ${opts.snapshot}`);
  print('  Sellers:');
  for (const s of sandbox.state.sellers.values()) {
    print(
      `    username ${s.username}  password ${s.password}  (${s.catalog.products.length} styles, ${s.catalog.variants.length} SKUs)`,
    );
  }
  // Weft sends channel passwords only to public https: addresses unless told otherwise.
  print('  Weft reaches it over plain http: on this machine: start Weft with WEFT_ALLOW_PRIVATE_URLS=true.');
  print('Press Ctrl+C to stop.');
  return sandbox;
}

export function sandboxCommand(): Command {
  return new Command('sandbox')
    .description(
      'Run the AJIO JIT sandbox: a stateful stand-in for the AJIO seller API, with a control API under /__sandbox/',
    )
    .option('--port <port>', 'port to listen on', parseNonNegativeInt('--port'), 4010)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--seller <username:password>',
      'a seller (POB) to create; repeatable (default DVTEST01:secret)',
      parseSeller,
      [] as SellerInput[],
    )
    .option(
      '--seed <n>',
      'seed of the generated catalogue (default 42 when --styles is given)',
      parseNonNegativeInt('--seed'),
    )
    .option(
      '--styles <n>',
      'styles per seller in the generated catalogue (default 200 when --seed is given)',
      parseNonNegativeInt('--styles'),
    )
    .option('--prefix <path>', 'path prefix of the AJIO routes, e.g. /jit/v1')
    .option('--rate <n|off>', 'requests per second per seller before 429, or "off"', parseRate, 10 as number | false)
    .option('--snapshot <file>', 'keep state in this JSON file across restarts')
    .option(
      '--po-every <seconds>',
      'raise POs from open pendency every N sandbox-seconds (0 = only on demand)',
      parseNonNegativeInt('--po-every'),
    )
    .action(async (opts: SandboxCliOptions) => {
      const sandbox = await runSandbox(opts);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await sandbox.close();
      console.log('AJIO JIT sandbox stopped.');
    });
}
