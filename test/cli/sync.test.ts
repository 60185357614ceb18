import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAjioSandbox } from '../../src/sandbox/ajio/testing.ts';
import { freePort, startWeft, waitForHealth } from '../helpers/processes.ts';

/** `weft sync <channel> <stream>` from a terminal: the run happens in the foreground and ends with its counts. */
const seller = { username: 'DVSYNC01', password: 'api-secret' };

test('weft sync runs a stream in the foreground and prints its outcome', { timeout: 240_000 }, async (t) => {
  const sandbox = await startAjioSandbox({ sellers: [seller], rateLimit: false });
  try {
    await sandbox.control.seedCatalog(seller.username, { styles: 30, seed: 5, publishedRatio: 1 });
    const port = await freePort();
    const env = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEFT_DATA_DIR: mkdtempSync(join(tmpdir(), 'weft-sync-')),
      WEFT_ADMIN_USER: 'admin',
      WEFT_ADMIN_PASSWORD: 'sync-test-admin',
      LOG_LEVEL: 'warn',
    };
    const server = startWeft(t, ['start'], env);
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(server, base);
    const { token } = (await (
      await fetch(`${base}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'sync-test-admin' }),
      })
    ).json()) as { token: string };
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    assert.equal(
      (await post('/api/warehouses', { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302' })).status,
      201,
    );
    const created = await post('/api/channels', {
      type: 'ajio-jit',
      name: 'AJIO',
      warehouse: 'MUM1',
      // Created live: this test expects its writes to reach the sandbox (new channels start in shadow).
      mode: 'live',
      settings: {
        orderSyncFrom: '2026-01-01',
        returnSyncFrom: '2026-01-01',
        baseUrl: sandbox.url,
        skuSync: { intervalMinutes: 1440 },
      },
      interface: { ...seller, isB2B: 'Yes' },
    });
    const { code } = (await created.json()) as { code: string };
    // PGlite serves one process: the service stops before the terminal command opens the data folder.
    assert.equal(await server.stop('SIGTERM'), 0);

    const sync = startWeft(t, ['sync', code, 'skus'], env);
    assert.equal(await sync.exited, 0, sync.output());
    // A scheduled run may have pulled first (the scheduler ticks each minute): the counts then say unchanged.
    assert.match(
      sync.output(),
      /^(succeeded|partial): 120 records, created \d+, updated \d+, unchanged \d+, failed \d+/m,
    );
    const refused = startWeft(t, ['sync', code, 'nothing'], env);
    assert.equal(await refused.exited, 1);
    assert.match(
      refused.output(),
      /There is no stream "nothing"; streams: skus, backorders, orders, inventory, reconcile, returns\./,
    );
  } finally {
    await sandbox.close();
  }
});
