import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import {
  closeAll,
  ensureConsoleBuilt,
  openConsole,
  signIn,
  skipWithoutChromium,
  openNav,
  type OpenConsole,
} from '../helpers/console.ts';

/**
 * The web defences in a real browser: the console and the API docs load and work under the content
 * security policy (no violation reported), the console's own changes pass the CSRF check, and a page of
 * another origin on the same host — same site, so the SameSite=Strict cookie does go with it — is refused.
 */
describe('console: security headers and CSRF in Chromium', { skip: skipWithoutChromium }, () => {
  let t: TestApp;
  let ui: OpenConsole;
  let other: http.Server;
  let otherBase: string;
  /** What the API answered to requests carrying the session cookie, as the server saw them. */
  const seen: { method: string; url: string; site: string | undefined; status: number; code?: string }[] = [];

  before(async () => {
    ensureConsoleBuilt();
    t = await createTestApp('pglite');
    t.app.addHook('onSend', async (request, reply, payload) => {
      if (request.headers.cookie?.includes('weft_session=')) {
        const code =
          reply.statusCode >= 400 && typeof payload === 'string'
            ? (JSON.parse(payload) as { error?: { code?: string } }).error?.code
            : undefined;
        seen.push({
          method: request.method,
          url: request.url,
          site: request.headers['sec-fetch-site'] as string | undefined,
          status: reply.statusCode,
          code,
        });
      }
      return payload;
    });
    ui = await openConsole(t);
    // Another origin on the same host (another port): same site, so the browser sends the cookie along.
    other = http.createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><title>elsewhere</title><p>another app</p>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  after(async () => {
    await closeAll(ui, t);
    await new Promise((resolve) => other?.close(resolve));
  });

  /** Collects the browser's content-security-policy complaints on a page. */
  function watchPolicy(page: Page): string[] {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text()))
        violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(error.message));
    return violations;
  }

  test('the console loads, signs in, changes something and signs out under the policy, with no violation', async () => {
    const page = await ui.newPage();
    const violations = watchPolicy(page);
    await signIn(page, ui.base, 'admin');
    await openNav(page, 'Users');
    await page.getByTestId('user-operator1').waitFor();
    // A change through the console's own fetch: the browser marks it same-origin, so it passes.
    const changed = page.waitForResponse(
      (r) => r.url().endsWith('/api/users/viewer1') && r.request().method() === 'PATCH',
    );
    await page
      .getByTestId('user-viewer1')
      .getByRole('link', { name: /Manage/ })
      .click();
    await page.getByRole('region', { name: 'Role and access of viewer1' }).getByLabel('Role').selectOption('operator');
    await page
      .getByRole('region', { name: 'Role and access of viewer1' })
      .getByRole('button', { name: 'Change role' })
      .click();
    assert.equal((await changed).status(), 200);
    const signedOut = page.waitForResponse(
      (r) => r.url().endsWith('/api/auth/session') && r.request().method() === 'DELETE',
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    assert.equal((await signedOut).status(), 204);
    await page.getByLabel('Username').waitFor();
    assert.deepEqual(violations, []);
    const patch = seen.find((s) => s.method === 'PATCH');
    assert.equal(patch?.site, 'same-origin', "Chromium sends Sec-Fetch-Site with the console's fetch");
    await page.context().close();
  });

  test('the API docs load under the policy', async () => {
    const page = await ui.newPage();
    const violations = watchPolicy(page);
    await page.goto(`${ui.base}/api/docs/`);
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'Weft API' }).waitFor();
    await page.locator('.opblock-summary-path').filter({ hasText: '/api/users' }).first().waitFor();
    assert.deepEqual(violations, []);
    await page.context().close();
  });

  test('a page of another origin on the same host cannot make a change with the session cookie', async () => {
    const page = await ui.newPage('admin');
    await page.goto(`${otherBase}/`);
    seen.length = 0;
    // no-cors: the browser sends it (and the cookie, the sites being the same) but hides the answer.
    await page.evaluate(async (target) => {
      await fetch(`${target}/api/users`, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        headers: { 'content-type': 'text/plain' },
        body: '{"username":"planted","password":"planted-pass-1","role":"admin"}',
      }).catch(() => undefined);
    }, ui.base);
    const attempt = seen.find((s) => s.method === 'POST' && s.url === '/api/users');
    assert.ok(attempt, 'the browser sent the request with the session cookie');
    assert.equal(attempt.site, 'same-site');
    assert.deepEqual([attempt.status, attempt.code], [403, 'csrf']);
    assert.equal(
      (await t.call('GET', '/api/users')).json().items.some((u: { username: string }) => u.username === 'planted'),
      false,
    );
    await page.context().close();
  });
});
