import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Role } from '../../src/db/schema.ts';

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
  // Bounded, so a stuck build fails this file instead of blocking its process (and its watchdog).
  const built = spawnSync(process.execPath, ['scripts/web-build.mjs', '--if-missing'], {
    stdio: 'inherit',
    timeout: 600_000,
    killSignal: 'SIGKILL',
  });
  if (built.status !== 0)
    throw new Error(
      built.error ? `building the console failed: ${built.error.message}` : 'building the console failed',
    );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Starts the test app (a TestApp or a fixture holding the app) on a free port and answers its base URL. */
export async function listen(t: { app: FastifyInstance }): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** The browser on a listening app: what a console suite's `before` opens and its `after` closes. */
export interface OpenConsole {
  browser: Browser;
  /** The app's base URL. */
  base: string;
  /** The suite's own page, at 1360×900: signed in when openConsole was given a role, blank otherwise. */
  page: Page;
  /** A page in a fresh context (its own cookies) at 1360×900, signed in as `role` when one is given. */
  newPage(role?: Role): Promise<Page>;
  /** Closes the browser (the app is the fixture's to close: see closeAll). */
  close(): Promise<void>;
}

/**
 * Listens on the app, launches Chromium and opens the suite's page, signed in as `role` if given.
 * Call ensureConsoleBuilt before creating the app, which serves web/dist only if it exists by then.
 */
export async function openConsole(app: { app: FastifyInstance }, role?: Role): Promise<OpenConsole> {
  const base = await listen(app);
  const browser = await launchChromium();
  const newPage = async (as?: Role) => {
    const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    if (as) await signIn(page, base, as);
    return page;
  };
  try {
    return { browser, base, page: await newPage(role), newPage, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** For `after`: closes each in turn (the browser before the app it talks to), skipping what `before` never made. */
export async function closeAll(...things: ({ close(): Promise<void> } | undefined)[]) {
  for (const thing of things) await thing?.close();
}

export const passwordOf = (role: Role) => `${role}-password-1`;

export async function signIn(page: Page, base: string, role: Role) {
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill(`${role}1`);
  await page.getByLabel('Password').fill(passwordOf(role));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('whoami').waitFor();
}

/**
 * Follows a link of the main navigation as a person does: on a handheld through the menu button, on a
 * wide screen directly when the link is in the bar (the pack station) or else by opening its group first.
 */
export async function openNav(page: Page, label: string) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name: label, exact: true });
  const menu = page.locator('#nav-menu-button');
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  if (!(await link.isVisible())) {
    // The group whose list holds the link (found by its text, as a closed group's links are hidden).
    const group = nav.locator('.nav-group').filter({ has: page.locator(`a:text-is(${JSON.stringify(label)})`) });
    assert.equal(await group.count(), 1, `one navigation group holds ${label}`);
    const button = group.getByRole('button');
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  }
  await link.click();
}

/** Types a code into the scan input and presses Enter, as a scanner does (pack station, return inbound). */
export async function scan(page: Page, code: string) {
  await page.locator('#scan').fill(code);
  await page.keyboard.press('Enter');
}

/** Waits for the scan screens' big answer (the pack cue) to say this: a scan is answered asynchronously. */
export const expectCue = (page: Page, text: RegExp, timeout = 5000) =>
  page.getByTestId('pack-cue').filter({ hasText: text }).waitFor({ timeout });

/** The id of the element that has the focus. */
export const focusedId = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id,
  );

/**
 * Fetches a link's target from inside the page, so with the session cookie as a click would, and
 * answers what came back. The function runs in the browser as tsx compiled it: no named helpers in it.
 */
export async function fetchFromPage(
  page: Page,
  href: string | null,
): Promise<{ status: number; type: string | null; body: Buffer }> {
  assert.ok(href, 'the link has an href');
  const got = await page.evaluate(async (url) => {
    const res = await fetch(url);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return { status: res.status, type: res.headers.get('content-type'), base64: btoa(binary) };
  }, href);
  return { status: got.status, type: got.type, body: Buffer.from(got.base64, 'base64') };
}

/** Fetches a link's target from the page and checks it is a PDF (200, application/pdf, %PDF-); answers its bytes. */
export async function expectPdf(page: Page, href: string | null, what = href ?? 'the link'): Promise<Buffer> {
  const { status, type, body } = await fetchFromPage(page, href);
  assert.deepEqual(
    { status, type, magic: body.subarray(0, 5).toString('latin1') },
    { status: 200, type: 'application/pdf', magic: '%PDF-' },
    what,
  );
  return body;
}

/** The message shown under a form field, found by the field's label. */
export const fieldError = (page: Page, label: string) =>
  page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');

/**
 * Asserts the error under a field matches `pattern`, waiting up to 10 s for it: a refusal is drawn
 * when the API answers, not when the button is clicked (a busy machine showed the previous one).
 */
export async function assertFieldError(page: Page, label: string, pattern: RegExp): Promise<void> {
  await fieldError(page, label)
    .filter({ hasText: pattern })
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  assert.match((await fieldError(page, label).first().textContent()) ?? '', pattern);
}

/** Screenshots of the main screens for the README, from the tests so they show the real thing. */
export async function screenshot(page: Page, name: string) {
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });
}
