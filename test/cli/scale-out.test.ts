import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAjioSandbox } from '../../src/sandbox/ajio/testing.ts';
import { createServerDatabase } from '../helpers/databases.ts';
import { freePort, startWeft, waitForHealth, type TestProcess } from '../helpers/processes.ts';

/**
 * The scale-out shape of the README: on PostgreSQL, `weft api` only answers requests and two
 * `weft worker` processes do the work; a sync run asked for through the API is executed by a worker.
 */
const seller = { username: 'DVSCALE01', password: 'api-secret' };

test('weft api and two weft worker processes share the work on PostgreSQL', {
  skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL',
  timeout: 240_000,
}, async (t) => {
  const server = await createServerDatabase();
  const sandbox = await startAjioSandbox({ sellers: [seller], rateLimit: false });
  const started: TestProcess[] = [];
  try {
    await sandbox.control.seedCatalog(seller.username, { styles: 10, seed: 9, publishedRatio: 1 });
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: server.url,
      WEFT_MASTER_KEY: 'cd'.repeat(32),
      PORT: String(port),
      HOST: '127.0.0.1',
      WEFT_ADMIN_USER: 'admin',
      WEFT_ADMIN_PASSWORD: 'scale-out-admin',
      LOG_LEVEL: 'warn',
    };
    const run = (command: string) => {
      const proc = startWeft(t, [command], env, { stdio: ['ignore', 'ignore', 'inherit'] });
      started.push(proc);
      return proc;
    };
    const api = run('api');
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(api, base);
    const { token } = (await (
      await fetch(`${base}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'scale-out-admin' }),
      })
    ).json()) as { token: string };
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    await call('POST', '/api/warehouses', { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302' });
    const channel = (
      await call('POST', '/api/channels', {
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
      })
    ).body;
    const asked = await call('POST', `/api/channels/${channel.code}/sync/skus`);
    assert.equal(asked.status, 202);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(
      (await call('GET', `/api/sync-runs/${asked.body.runId}`)).body.status,
      'queued',
      'the API process works no job',
    );

    run('worker');
    run('worker');
    const finished = Date.now() + 60_000;
    let status = '';
    while (Date.now() < finished) {
      status = (await call('GET', `/api/sync-runs/${asked.body.runId}`)).body.status;
      if (status === 'succeeded') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(status, 'succeeded');
    const listings = (await call('GET', `/api/channels/${channel.code}/listings?limit=500`)).body.items;
    assert.equal(listings.length, 40);
  } finally {
    // Stopped before the database is dropped; the test's `after` would stop them anyway.
    await Promise.all(started.map((p) => p.stop('SIGTERM')));
    await sandbox.close();
    await server.drop();
  }
});
