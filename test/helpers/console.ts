import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Role } from '../../src/db/schema.ts';
import type { TestApp } from './app.ts';

/**
 * For the console's browser suites: Debian's chromium driven by playwright-core (no downloaded
 * browsers), the real app listening on a real port, and sign-in as the test users.
 */
export const chromiumPath = '/usr/bin/chromium';

/** `skip` for node:test: a reason when the browser is missing, so the suite says why it did not run. */
export const skipWithoutChromium: string | false = existsSync(chromiumPath)
  ? false
  : `no browser at ${chromiumPath}: install Debian's chromium (apt-get install chromium; .ci/run does) to run the console tests`;

/** The app serves web/dist only if it exists when the app is built, so build it before createTestApp. */
export function ensureConsoleBuilt() {
  const built = spawnSync(process.execPath, ['scripts/web-build.mjs', '--if-missing'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the console failed');
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Starts the test app on a free port and answers its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export const passwordOf = (role: Role) => `${role}-password-1`;

export async function signIn(page: Page, base: string, role: Role) {
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill(`${role}1`);
  await page.getByLabel('Password').fill(passwordOf(role));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('whoami').waitFor();
}

/** The message shown under a form field, found by the field's label. */
export const fieldError = (page: Page, label: string) =>
  page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');

/** Screenshots of the main screens for the README, from the tests so they show the real thing. */
export async function screenshot(page: Page, name: string) {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}
