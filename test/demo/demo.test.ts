import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, startupDeadlineMs, startWeft } from '../helpers/processes.ts';

/** `weft demo` as a newcomer runs it: a real process, its printed password, then the API. */

async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('weft demo: sign in with the printed password, see the channel, linked listings and orders; a dispatched PO comes back as a return; Ctrl+C exits 0', {
  timeout: 240_000,
}, async (t) => {
  const port = await freePort();
  const sandboxPort = await freePort();
  const demo = startWeft(
    t,
    [
      'demo',
      '--port',
      String(port),
      '--sandbox-port',
      String(sandboxPort),
      '--styles',
      '5',
      '--trickle-seconds',
      '2',
      '--po-seconds',
      '4',
      '--return-seconds',
      '2',
    ],
    { HOST: '127.0.0.1', PORT: '' },
  );
  const stdout = () => demo.stdout();
  let code: number | null = null;
  try {
    await demo.waitForOutput(/Press Ctrl\+C to stop\./, startupDeadlineMs);
    assert.match(stdout(), new RegExp(`http://127\\.0\\.0\\.1:${port}/api/docs`));
    assert.match(stdout(), new RegExp(`Console:\\s+http://127\\.0\\.0\\.1:${port}/ `));
    assert.match(stdout(), new RegExp(`AJIO sandbox:\\s+http://127\\.0\\.0\\.1:${sandboxPort}`));
    const password = /admin\s+password (\S+)/.exec(stdout())?.[1];
    assert.ok(password, `no admin password in:\n${stdout()}`);

    const api = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${api}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    assert.equal(signIn.status, 201);
    const { token } = (await signIn.json()) as { token: string };
    const get = async (path: string) => {
      const response = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200, `GET ${path}`);
      return (await response.json()) as { items: any[] };
    };

    const [channel] = (await get('/api/channels')).items;
    assert.equal(channel.type, 'ajio-jit');
    assert.equal(channel.warehouse, 'DEMO1');
    assert.equal(channel.settings.baseUrl, `http://127.0.0.1:${sandboxPort}`);
    assert.ok(
      (await get(`/api/channels/${channel.code}/listings?mapped=true`)).items.length > 0,
      'listings are linked',
    );
    assert.equal(
      (await get(`/api/channels/${channel.code}/listings?mapped=false`)).items.length,
      0,
      'no listing is left unlinked',
    );

    const orders = await eventually('a pulled order', 40_000, async () => {
      const items = (await get(`/api/orders?channel=${channel.code}`)).items;
      return items.length > 0 ? items : undefined;
    });
    assert.equal(orders[0].channel, channel.code);
    assert.match(stdout(), /AJIO raised PO \d+/);

    // The seller packs and dispatches one PO; a customer then sends a unit of it back.
    const post = async (path: string, body: unknown = {}) => {
      const response = await fetch(`${api}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.ok(response.status < 300, `POST ${path}: ${response.status} ${await response.clone().text()}`);
      return (await response.json()) as any;
    };
    const order = (await get(`/api/orders/${orders.at(-1).id}`)) as any;
    await post(`/api/orders/${order.id}/pack/box`, { box: 'BOX-DEMO-1' });
    for (const line of order.lines)
      for (let i = 0; i < line.quantity; i++) await post(`/api/orders/${order.id}/pack/scan`, { code: line.skuCode });
    await post(`/api/orders/${order.id}/pack/close-box`, { weightGrams: 500 });
    await post(`/api/orders/${order.id}/pack/finish`);
    const [manifest] = (await post('/api/manifests', { channel: channel.code, warehouse: 'DEMO1' })).items;
    assert.equal((await post(`/api/manifests/${manifest.code}/dispatch`)).status, 'dispatched');
    const returned = await eventually('a return of the dispatched PO', 30_000, async () => {
      const items = (await get(`/api/returns?channel=${channel.code}`)).items;
      return items.length > 0 ? items : undefined;
    });
    assert.equal(returned[0].poNumber, order.poNumber);
    assert.match(stdout(), new RegExp(`A customer returned a unit of PO ${order.poNumber}`));
  } finally {
    // Ctrl+C, as a person stops it; the helper kills the group if it does not end.
    code = await demo.stop('SIGINT');
  }
  assert.equal(code, 0, demo.stderr());
  assert.match(stdout(), /Weft demo stopped\./);
});
