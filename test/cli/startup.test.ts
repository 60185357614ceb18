import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `weft start` as a user runs it: a real process, real port, embedded database in a temp folder. */
function weft(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/weft.js', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, stderr: () => stderr };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port: number, timeoutMs = 30_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.status === 200) return (await response.json()) as Record<string, any>;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`weft did not answer /health on port ${port} within ${timeoutMs} ms`);
}

test('a bad PORT stops start-up with one line naming it', async () => {
  const run = weft(['start'], { PORT: 'abc', WEFT_DATA_DIR: mkdtempSync(join(tmpdir(), 'weft-')) });
  assert.equal(await run.exited, 1);
  assert.equal(run.stderr(), 'weft: PORT must be a whole number from 1 to 65535 (got "abc").\n');
});

test('an unreachable DATABASE_URL stops start-up with one line naming it', async () => {
  const port = await freePort();
  const run = weft(['start'], { DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/weft` });
  assert.equal(await run.exited, 1);
  assert.match(run.stderr(), /^weft: DATABASE_URL postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/weft cannot be reached \(.*\): check that PostgreSQL is running and the URL is right\.\n$/);
  assert.ok(!run.stderr().includes('secret'), 'the password is not printed');
});

test('npm start path: health within 30 s on the embedded database; a SKU survives a restart; a wrong master key is refused', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-data-'));
  const port = await freePort();
  const env = { PORT: String(port), HOST: '127.0.0.1', WEFT_DATA_DIR: dataDir, WEFT_ADMIN_USER: 'admin', WEFT_ADMIN_PASSWORD: 'first-admin-pw' };

  const first = weft(['start'], env);
  const health = await waitForHealth(port);
  assert.equal(health.database.kind, 'pglite');
  const { token } = (await (await fetch(`http://127.0.0.1:${port}/api/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'first-admin-pw' }),
  })).json()) as { token: string };
  const created = await fetch(`http://127.0.0.1:${port}/api/skus`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ code: 'PERSIST-1', name: 'Survives restarts', mrpPaise: 100 }),
  });
  assert.equal(created.status, 201);
  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0);

  const second = weft(['start'], env);
  await waitForHealth(port);
  const sku = await fetch(`http://127.0.0.1:${port}/api/skus/PERSIST-1`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(sku.status, 200);
  assert.equal(((await sku.json()) as { name: string }).name, 'Survives restarts');
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);

  const wrongKey = weft(['start'], { ...env, WEFT_MASTER_KEY: 'ab'.repeat(32) });
  assert.equal(await wrongKey.exited, 1);
  assert.match(wrongKey.stderr(), /^weft: WEFT_MASTER_KEY \(or the key file\) does not match the key this database was set up with/);
});

test('weft migrate and weft user add work on a fresh data folder', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-cli-'));
  const migrate = weft(['migrate'], { WEFT_DATA_DIR: dataDir });
  assert.equal(await migrate.exited, 0);
  const add = weft(['user', 'add', 'ops', '--role', 'viewer'], { WEFT_DATA_DIR: dataDir, WEFT_PASSWORD: 'viewer-password' });
  assert.equal(await add.exited, 0, add.stderr());
  const again = weft(['user', 'add', 'ops', '--role', 'viewer'], { WEFT_DATA_DIR: dataDir, WEFT_PASSWORD: 'viewer-password' });
  assert.equal(await again.exited, 1);
  assert.equal(again.stderr(), 'weft: A user named ops already exists.\n');
});
