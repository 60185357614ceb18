import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { startAjioSandbox } from '../../src/sandbox/ajio/testing.ts';
import { createServerDatabase } from '../helpers/databases.ts';

/**
 * The scale-out shape of the README: on PostgreSQL, `weft api` only answers requests and two
 * `weft worker` processes do the work; a sync run asked for through the API is executed by a worker.
 */
const seller = { username: 'DVSCALE01', password: 'api-secret' };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

test('weft api and two weft worker processes share the work on PostgreSQL', {
  skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL', timeout: 120_000,
}, async () => {
  const server = await createServerDatabase();
  const sandbox = await startAjioSandbox({ sellers: [seller], rateLimit: false });
  const children: ChildProcess[] = [];
  try {
    await sandbox.control.seedCatalog(seller.username, { styles: 10, seed: 9, publishedRatio: 1 });
    const port = await freePort();
    const env = {
      ...process.env, DATABASE_URL: server.url, WEFT_MASTER_KEY: 'cd'.repeat(32), PORT: String(port), HOST: '127.0.0.1',
      WEFT_ADMIN_USER: 'admin', WEFT_ADMIN_PASSWORD: 'scale-out-admin', LOG_LEVEL: 'warn',
    };
    const run = (command: string) => {
      const child = spawn(process.execPath, ['bin/weft.js', command], { env, stdio: ['ignore', 'ignore', 'inherit'] });
      children.push(child);
      return child;
    };
    run('api');
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (!(await fetch(`${base}/health`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline) throw new Error('weft api did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
    const { token } = (await (await fetch(`${base}/api/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'scale-out-admin' }),
    })).json()) as { token: string };
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    await api('POST', '/api/warehouses', { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302' });
    const channel = (await api('POST', '/api/channels', {
      type: 'ajio-jit', name: 'AJIO', warehouse: 'MUM1',
      settings: { orderSyncFrom: '2026-01-01', returnSyncFrom: '2026-01-01', baseUrl: sandbox.url, skuSync: { intervalMinutes: 1440 } },
      interface: { ...seller, isB2B: 'Yes' },
    })).body;
    const asked = await api('POST', `/api/channels/${channel.code}/sync/skus`);
    assert.equal(asked.status, 202);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await api('GET', `/api/sync-runs/${asked.body.runId}`)).body.status, 'queued', 'the API process works no job');

    run('worker');
    run('worker');
    const finished = Date.now() + 60_000;
    let status = '';
    while (Date.now() < finished) {
      status = (await api('GET', `/api/sync-runs/${asked.body.runId}`)).body.status;
      if (status === 'succeeded') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(status, 'succeeded');
    const listings = (await api('GET', `/api/channels/${channel.code}/listings?limit=500`)).body.items;
    assert.equal(listings.length, 40);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await sandbox.close();
    await server.drop();
  }
});
