import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startWeft, waitForHealth } from '../helpers/processes.ts';

/** `weft start` as a user runs it: a real process, real port, embedded database in a temp folder. */

test('a bad PORT stops start-up with one line naming it', async (t) => {
  const run = startWeft(t, ['start'], { PORT: 'abc', WEFT_DATA_DIR: mkdtempSync(join(tmpdir(), 'weft-')) });
  assert.equal(await run.exited, 1);
  assert.equal(run.stderr(), 'weft: PORT must be a whole number from 1 to 65535 (got "abc").\n');
});

test('an unreachable DATABASE_URL stops start-up with one line naming it', async (t) => {
  const port = await freePort();
  const run = startWeft(t, ['start'], { DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${port}/weft` });
  assert.equal(await run.exited, 1);
  assert.match(
    run.stderr(),
    /^weft: DATABASE_URL postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/weft cannot be reached \(.*\): check that PostgreSQL is running and the URL is right\.\n$/,
  );
  assert.ok(!run.stderr().includes('secret'), 'the password is not printed');
});

test('npm start path: health on the embedded database; a SKU survives a restart; a wrong master key is refused', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-data-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    WEFT_DATA_DIR: dataDir,
    WEFT_ADMIN_USER: 'admin',
    WEFT_ADMIN_PASSWORD: 'first-admin-pw',
  };

  const first = startWeft(t, ['start'], env);
  const health = await waitForHealth(first, base);
  assert.equal(health.database.kind, 'pglite');
  const { token } = (await (
    await fetch(`${base}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'first-admin-pw' }),
    })
  ).json()) as { token: string };
  const created = await fetch(`${base}/api/skus`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ code: 'PERSIST-1', name: 'Survives restarts', mrpPaise: 100 }),
  });
  assert.equal(created.status, 201);
  assert.equal(await first.stop('SIGTERM'), 0);

  const second = startWeft(t, ['start'], env);
  await waitForHealth(second, base);
  const sku = await fetch(`${base}/api/skus/PERSIST-1`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(sku.status, 200);
  assert.equal(((await sku.json()) as { name: string }).name, 'Survives restarts');
  assert.equal(await second.stop('SIGTERM'), 0);

  const wrongKey = startWeft(t, ['start'], { ...env, WEFT_MASTER_KEY: 'ab'.repeat(32) });
  assert.equal(await wrongKey.exited, 1);
  assert.match(
    wrongKey.stderr(),
    /^weft: WEFT_MASTER_KEY \(or the key file\) does not match the key this database was set up with/,
  );
});

test('weft migrate and weft user add work on a fresh data folder', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-cli-'));
  const migrate = startWeft(t, ['migrate'], { WEFT_DATA_DIR: dataDir });
  assert.equal(await migrate.exited, 0);
  const add = startWeft(t, ['user', 'add', 'ops', '--role', 'viewer'], {
    WEFT_DATA_DIR: dataDir,
    WEFT_PASSWORD: 'viewer-password',
  });
  assert.equal(await add.exited, 0, add.stderr());
  const again = startWeft(t, ['user', 'add', 'ops', '--role', 'viewer'], {
    WEFT_DATA_DIR: dataDir,
    WEFT_PASSWORD: 'viewer-password',
  });
  assert.equal(await again.exited, 1);
  assert.equal(again.stderr(), 'weft: A user named ops already exists.\n');
});
