// Shared set-up for the sandbox contract tests: a sandbox on a free port, one seller with a
// seeded catalogue, a logged-in client over real HTTP, and PDF/barcode tools when present.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startAjioSandbox,
  type StartAjioSandboxOptions,
  type StartedSandbox,
  type CatalogProduct,
} from '../../src/sandbox/ajio/testing.ts';

/** A PDF tool that hangs is killed rather than blocking this test file's process (and its watchdog). */
const bounded = { timeout: 120_000, killSignal: 'SIGKILL' as const };

export const SELLER = 'DVTEST01';
export const PASSWORD = 'secret';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export class Api {
  /** With credentials, a 401 "Invalid token" (e.g. after the clock jumped 30 min) logs in again once. */
  constructor(
    readonly url: string,
    public token?: string,
    readonly credentials?: { username: string; password: string },
  ) {}

  async call<T = any>(method: string, path: string, body?: unknown, token = this.token): Promise<Res<T>> {
    const res = await this.once<T>(method, path, body, token);
    if (res.status === 401 && this.credentials && token === this.token && token) {
      const login = await this.once<any>('POST', '/authToken', this.credentials, '');
      if (login.status !== 200) return res;
      this.token = login.body.result.accessToken;
      return this.once<T>(method, path, body, this.token);
    }
    return res;
  }

  private async once<T>(method: string, path: string, body: unknown, token: string | undefined): Promise<Res<T>> {
    const headers: Record<string, string> = {};
    if (token) headers.apiKey = token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path.startsWith('http') ? path : this.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }

  get<T = any>(path: string) {
    return this.call<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown) {
    return this.call<T>('POST', path, body);
  }

  put<T = any>(path: string, body: unknown) {
    return this.call<T>('PUT', path, body);
  }

  async pdf(url: string): Promise<{ status: number; bytes: Buffer; type: string | null }> {
    await this.get('/productsCount'); // refreshes an expired token
    const res = await fetch(url, { headers: this.token ? { apiKey: this.token } : {} });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
  }
}

export interface Ctx {
  sb: StartedSandbox;
  api: Api;
  catalog: CatalogProduct[];
  close(): Promise<void>;
}

export async function setup(
  opts: StartAjioSandboxOptions & { styles?: number; invoiceEnd?: number } = {},
): Promise<Ctx> {
  const { styles = 6, invoiceEnd = 9999, ...options } = opts;
  const sb = await startAjioSandbox({ rateLimit: false, ...options });
  await sb.control.addSeller({
    username: SELLER,
    password: PASSWORD,
    invoiceSeries: { prefix: 'INV/', start: 1, end: invoiceEnd },
  });
  await sb.control.seedCatalog(SELLER, { styles, seed: 42, publishedRatio: 1 });
  const catalog = await sb.control.getCatalog(SELLER);
  const api = new Api(sb.url, await sb.login(SELLER, PASSWORD), { username: SELLER, password: PASSWORD });
  return { sb, api, catalog, close: () => sb.close() };
}

/** Places orders, raises POs now and returns the first PO as AJIO serves it. */
export async function poFor(ctx: Ctx, lines: { sku: string; quantity?: number }[], warehouse?: string) {
  await ctx.sb.control.placeCustomerOrders(SELLER, [{ lines, warehouse }]);
  const raised = await ctx.sb.control.raisePurchaseOrders(SELLER);
  const res = await ctx.api.get(`/orders?orderIds=${raised.map((p) => p.order_id).join(',')}`);
  return res.body.orders[0];
}

/** Invoice + shipment for a PO, every line fully packed into one box per line. */
export async function packAndShip(ctx: Ctx, po: any, boxPrefix = 'BOX') {
  const boxes = po.order_lines
    .map((l: any) => ({
      order_item_id: l.order_item_id,
      quantity: l.quantity - l.customer_cancelled_qty - l.seller_cancelled_qty,
    }))
    .filter((l: any) => l.quantity > 0)
    .map((line: any, i: number) => ({
      box_id: `${boxPrefix}-${po.po_number}-${i + 1}`,
      weight_grams: 400,
      lines: [line],
    }));
  const invoice = await ctx.api.post('/orders/b2bInvoice', { po_number: po.po_number, boxes });
  const shipment = await ctx.api.post('/orders/shipment', { po_number: po.po_number });
  return { invoice: invoice.body, shipment: shipment.body };
}

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
export const HAVE_PDFTOTEXT = has('pdftotext');
export const HAVE_ZBAR = has('zbarimg') && has('pdftoppm');
export const NO_PDFTOTEXT = HAVE_PDFTOTEXT ? false : 'pdftotext missing (apt-get install poppler-utils)';
export const NO_ZBAR = HAVE_ZBAR ? false : 'zbarimg/pdftoppm missing (apt-get install zbar-tools poppler-utils)';

export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'weft-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', ...bounded });
}

/** Every Code 128 value zbarimg finds on any page. */
export function barcodes(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'weft-bar-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', file, join(dir, 'page')], bounded);
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .map((f) => join(dir, f));
  const out = spawnSync('zbarimg', ['-q', '--raw', '-Scode128.enable', ...pages], { encoding: 'utf8', ...bounded });
  return out.stdout
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}
