import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from '../helpers/console.ts';
import { freePort, startProcess, startupDeadlineMs, waitForHealth } from '../helpers/processes.ts';
import { consoleMissingText } from '../../src/http/console.ts';

/**
 * The README's demo path as a newcomer walks it: a fresh clone (no web/dist), `weft demo`, then the
 * printed console address in a browser, signed in with the printed password, the Orders screen there.
 * The clone is of this checkout's HEAD, so it tests what is committed.
 */
const repository = fileURLToPath(new URL('../..', import.meta.url));

/** A clone of this checkout's HEAD in a new temporary folder, removed when the test ends. */
function freshClone(t: { after(fn: () => void): void }): string {
  const folder = mkdtempSync(join(tmpdir(), 'weft-fresh-clone-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const clone = join(folder, 'weft');
  const cloned = spawnSync('git', ['clone', '--quiet', repository, clone], { encoding: 'utf8' });
  assert.equal(cloned.status, 0, `git clone: ${cloned.stderr}`);
  assert.ok(!existsSync(join(clone, 'web/dist')), 'a clone has no built console');
  return clone;
}

test('a fresh clone: weft demo builds the console, prints its address and a password; sign in there and see Orders', {
  skip: skipWithoutChromium,
  timeout: 420_000,
}, async (t) => {
  const clone = freshClone(t);
  // The clone borrows this checkout's node_modules: `npm ci` would take minutes on the shared machine,
  // and what is tested is the clone's own files (sources, scripts, no web/dist), not the registry.
  symlinkSync(join(repository, 'node_modules'), join(clone, 'node_modules'), 'dir');

  const port = await freePort();
  const sandboxPort = await freePort();
  const demo = startProcess(
    t,
    process.execPath,
    ['bin/weft.js', 'demo', '--port', String(port), '--sandbox-port', String(sandboxPort), '--styles', '5'],
    {
      cwd: clone,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '', LOG_LEVEL: 'warn' },
      name: 'weft demo (fresh clone)',
    },
  );
  let browser: Browser | undefined;
  let code: number | null = null;
  try {
    // Building the console is part of the start-up here, so twice the usual allowance.
    await demo.waitForOutput(/Press Ctrl\+C to stop\./, 2 * startupDeadlineMs);
    const out = demo.stdout();
    assert.match(out, /Building the console \(first run only\)…/);
    assert.equal(out.match(/Building the console/g)?.length, 1, 'one line about it');
    assert.ok(existsSync(join(clone, 'web/dist/index.html')), 'built in the clone');
    const address = /Console:\s+(http:\/\/\S+\/)\s/.exec(out)?.[1];
    const password = /admin\s+password (\S+)/.exec(out)?.[1];
    assert.equal(address, `http://127.0.0.1:${port}/`, out);
    assert.ok(password, `no admin password in:\n${out}`);

    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    const scripts: { url: string; encoding?: string }[] = [];
    page.on('response', (response) => {
      if (/\/assets\/.+\.js$/.test(response.url()))
        scripts.push({ url: response.url(), encoding: response.headers()['content-encoding'] });
    });
    // A page path as a bookmark would open it: the console's page, then its sign-in.
    const opened = await page.goto(`${address}orders`);
    assert.equal(opened?.status(), 200);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('whoami').filter({ hasText: 'admin' }).waitFor();
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    assert.equal(await page.getByText('Loading Weft…').count(), 0, 'the loading state is gone once the console runs');
    // The demo's POs arrive within its first pulls: the list shows them (reloaded until they are there).
    const firstPo = page.locator('table a[href^="/orders/"]').first();
    const deadline = Date.now() + 90_000;
    while (!(await firstPo.isVisible())) {
      assert.ok(Date.now() < deadline, 'no PO on the Orders screen within 90 s');
      await page.waitForTimeout(2000);
      await page.reload();
      await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    }
    assert.ok(scripts.length > 0, 'the console loaded its scripts');
    for (const script of scripts)
      assert.ok(
        ['br', 'gzip'].includes(script.encoding ?? ''),
        `${script.url} came ${script.encoding ?? 'uncompressed'}`,
      );
  } finally {
    await browser?.close();
    // Ctrl+C, as a person stops it (the helper kills the group if it does not end).
    code = await demo.stop('SIGINT');
  }
  assert.equal(code, 0, demo.stderr());
  assert.match(demo.stdout(), /Weft demo stopped\./);
});

test('an install without the build tools: weft start says in one line how to build the console, and / says it too', {
  timeout: 240_000,
}, async (t) => {
  const clone = freshClone(t);
  // A production install: the packages without the dev tools' commands (no node_modules/.bin, so no
  // tsc and no vite), each package linked from this checkout's node_modules.
  const modules = join(repository, 'node_modules');
  mkdirSync(join(clone, 'node_modules'));
  for (const entry of readdirSync(modules))
    if (entry !== '.bin') symlinkSync(join(modules, entry), join(clone, 'node_modules', entry));

  const port = await freePort();
  const weft = startProcess(t, process.execPath, ['bin/weft.js', 'start'], {
    cwd: clone,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      DATABASE_URL: undefined,
      WEFT_DATA_DIR: join(clone, 'data'),
    },
    name: 'weft start (no build tools)',
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(weft, base);
  const lines = weft.output().split('\n');
  const told = lines.filter((line) => /console/i.test(line));
  assert.equal(told.length, 1, `one line about the console:\n${weft.output()}`);
  assert.match(told[0], /not built and cannot be built here: tsc and vite are not installed/);
  assert.match(told[0], /`npm run build:web`; the API runs without it/);
  assert.ok(!existsSync(join(clone, 'web/dist')), 'nothing was built');

  const root = await fetch(`${base}/`);
  assert.equal(root.status, 404);
  assert.match(String(root.headers.get('content-type')), /^text\/plain/);
  assert.equal(await root.text(), consoleMissingText);
  const api = await fetch(`${base}/api/nothing-here`);
  assert.equal(api.status, 404);
  assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'not_found');
  assert.equal(await weft.stop(), 0, weft.stderr());
});
