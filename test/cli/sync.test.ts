import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAjioSandbox } from '../../src/sandbox/ajio/testing.ts';

/** `weft sync <channel> <stream>` from a terminal: the run happens in the foreground and ends with its counts. */
const seller = { username: 'DVSYNC01', password: 'api-secret' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function weft(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['bin/weft.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  return { child, exited: new Promise<number | null>((resolve) => child.once('exit', resolve)), output: () => output };
}

test('weft sync runs a stream in the foreground and prints its outcome', { timeout: 120_000 }, async () => {
  const sandbox = await startAjioSandbox({ sellers: [seller], rateLimit: false });
  try {
    await sandbox.control.seedCatalog(seller.username, { styles: 30, seed: 5, publishedRatio: 1 });
    const port = await freePort();
    const env = {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', WEFT_DATA_DIR: mkdtempSync(join(tmpdir(), 'weft-sync-')),
      WEFT_ADMIN_USER: 'admin', WEFT_ADMIN_PASSWORD: 'sync-test-admin', LOG_LEVEL: 'warn',
    };
    const server = weft(['start'], env);
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (!(await fetch(`${base}/health`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error('weft did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
    const { token } = (await (await fetch(`${base}/api/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'sync-test-admin' }),
    })).json()) as { token: string };
    const post = (path: string, body: unknown) => fetch(`${base}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
    });
    assert.equal((await post('/api/warehouses', { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302' })).status, 201);
    const created = await post('/api/channels', {
      type: 'ajio-jit', name: 'AJIO', warehouse: 'MUM1',
      settings: { orderSyncFrom: '2026-01-01', returnSyncFrom: '2026-01-01', baseUrl: sandbox.url, skuSync: { intervalMinutes: 1440 } },
      interface: { ...seller, isB2B: 'Yes' },
    });
    const { code } = (await created.json()) as { code: string };
    // PGlite serves one process: the service stops before the terminal command opens the data folder.
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);

    const sync = weft(['sync', code, 'skus'], env);
    assert.equal(await sync.exited, 0, sync.output());
    // A scheduled run may have pulled first (the scheduler ticks each minute): the counts then say unchanged.
    assert.match(sync.output(), /^(succeeded|partial): 120 records, created \d+, updated \d+, unchanged \d+, failed \d+/m);
    const refused = weft(['sync', code, 'nothing'], env);
    assert.equal(await refused.exited, 1);
    assert.match(refused.output(), /There is no stream "nothing"; streams: skus, backorders, orders, inventory, reconcile, returns\./);
  } finally {
    await sandbox.close();
  }
});
