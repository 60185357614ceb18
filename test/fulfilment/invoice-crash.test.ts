import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAjioSandbox } from '../../src/sandbox/ajio/testing.ts';
import { freePort, startWeft, waitForHealth, type TestProcess } from '../helpers/processes.ts';

/**
 * The real service (`weft start` on its embedded database) is killed while AJIO is generating the
 * invoice — AJIO has issued it but the answer never arrives. After a restart, making the documents
 * again leaves exactly one invoice at AJIO, and Weft records that one.
 */
const seller = { username: 'DVCRASH01', password: 'api-secret' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check().catch(() => null);
    if (value) return value;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('killing Weft during invoice generation and restarting leaves exactly one invoice at AJIO', {
  timeout: 300_000,
}, async (t) => {
  const sandbox = await startAjioSandbox({ sellers: [seller], rateLimit: false, market: { poEverySeconds: 0 } });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    WEFT_DATA_DIR: mkdtempSync(join(tmpdir(), 'weft-crash-')),
    WEFT_ADMIN_USER: 'admin',
    WEFT_ADMIN_PASSWORD: 'crash-test-admin',
    WEFT_OUTBOX_STALE_SECONDS: '1',
    LOG_LEVEL: 'warn',
  };
  let weft: TestProcess | null = null;
  const start = async () => {
    weft = startWeft(t, ['start'], env, { stdio: ['ignore', 'ignore', 'inherit'] });
    await waitForHealth(weft, base);
    const { token } = (await (
      await fetch(`${base}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'crash-test-admin' }),
      })
    ).json()) as { token: string };
    return token;
  };
  try {
    await sandbox.control.seedCatalog(seller.username, { styles: 1, seed: 3, initialInventory: 10, publishedRatio: 1 });
    const [variant] = (await sandbox.control.getCatalog(seller.username)).flatMap((p) => p.variants);
    await sandbox.control.placeCustomerOrders(seller.username, [{ lines: [{ sku: variant.sellerSku, quantity: 1 }] }]);
    const [po] = await sandbox.control.raisePurchaseOrders(seller.username);

    let token = await start();
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as any;
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    const yesterday = new Date(Date.now() + 5.5 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    await api('POST', '/api/warehouses', {
      code: 'MUM1',
      name: 'Bhiwandi',
      stateCode: '27',
      pincode: '421302',
      gstin: '27AAACR5055K1Z7',
      address: 'Plot 4, Bhiwandi',
    });
    await api('POST', '/api/skus', {
      code: variant.sellerSku,
      ean: variant.ean,
      name: 'Kurta',
      hsn: '6211',
      mrpPaise: Math.round(variant.mrp * 100),
    });
    const channel = await api('POST', '/api/channels', {
      type: 'ajio-jit',
      name: 'AJIO crash test',
      warehouse: 'MUM1',
      // Created live: this test expects its writes to reach the sandbox (new channels start in shadow).
      mode: 'live',
      settings: {
        orderSyncFrom: yesterday,
        returnSyncFrom: yesterday,
        baseUrl: sandbox.url,
        inventory: { enabled: false },
      },
      interface: { ...seller, isB2B: 'Yes' },
    });
    for (const stream of ['skus', 'orders']) {
      const { runId } = await api('POST', `/api/channels/${channel.code}/sync/${stream}`);
      await until(`the ${stream} run`, async () =>
        ['succeeded', 'partial'].includes((await api('GET', `/api/sync-runs/${runId}`)).status),
      );
    }
    const [order] = (await api('GET', `/api/orders?q=${po.po_number}`)).items;
    await api('POST', `/api/orders/${order.id}/pack/box`, { box: 'LPN-CRASH-1' });
    await api('POST', `/api/orders/${order.id}/pack/scan`, { code: variant.sellerSku });
    await api('POST', `/api/orders/${order.id}/pack/close-box`, { weightGrams: 400 });

    // AJIO issues the invoice but its answer never comes back; Weft is killed while it waits.
    await sandbox.control.injectFaults({
      route: 'POST /orders/b2bInvoice',
      type: 'timeout',
      holdMs: 60_000,
      processed: true,
    });
    const finishing = api('POST', `/api/orders/${order.id}/pack/finish`, {}).catch((error) => error);
    await until(
      'AJIO to issue the invoice',
      async () => (await sandbox.control.received(seller.username, 'invoices')).items.length === 1,
    );
    weft!.child.kill('SIGKILL');
    await weft!.exited;
    await finishing;
    await sandbox.control.clearFaults();

    token = await start();
    await sleep(1100); // the abandoned call counts as stale after WEFT_OUTBOX_STALE_SECONDS
    const documents = await api('POST', `/api/orders/${order.id}/documents`, {});
    const issued = (await sandbox.control.received(seller.username, 'invoices')).items;
    assert.equal(issued.length, 1, 'exactly one invoice at AJIO');
    assert.equal(documents.invoice.invoiceNumber, issued[0].invoice_number);
    const again = await api('POST', `/api/orders/${order.id}/documents`, {});
    assert.equal(again.invoice.id, documents.invoice.id);
    assert.equal((await sandbox.control.received(seller.username, 'invoices')).items.length, 1);
  } finally {
    await sandbox.close();
  }
});
