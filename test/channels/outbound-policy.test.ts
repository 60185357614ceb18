import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { setPrivateUrlsAllowed } from '../../src/net/outbound-url.ts';
import { IrpClient } from '../../src/einvoice/client.ts';
import { IrpError } from '../../src/einvoice/irp-error.ts';
import { generateKeyPairSync } from 'node:crypto';

/**
 * Where a channel's passwords may go: refused addresses are caught when settings are saved (400
 * naming the field) and again before a call, and a redirect never carries them anywhere.
 */
interface Recorder {
  server: Server;
  url: string;
  requests: { method: string; url: string; body: string }[];
}

async function recorder(
  answer: (request: IncomingMessage) => { status: number; headers?: Record<string, string>; body?: string },
): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (c) => (body += c));
    request.on('end', () => {
      requests.push({ method: request.method!, url: request.url!, body });
      const { status, headers, body: out } = answer(request);
      response.writeHead(status, headers).end(out ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}`, requests };
}

const seller = { username: 'DVURL01', password: 'never-forwarded-secret', isB2B: 'Yes' };

for (const kind of databaseKinds) {
  describe(`outbound URL policy at the API (${kind})`, () => {
    let t: TestApp;
    let channelsMade = 0;
    // One channel per POB id: each test's channel logs in as a seller of its own.
    const channel = (settings: Record<string, unknown>) => ({
      type: 'ajio-jit',
      name: 'AJIO',
      warehouse: 'MUM1',
      settings: { orderSyncFrom: '2026-11-01', returnSyncFrom: '2026-11-01', ...settings },
      interface: { ...seller, username: `DVURL${String(++channelsMade).padStart(2, '0')}` },
    });

    before(async () => {
      t = await createTestApp(kind, { allowPrivateUrls: false });
      await t.call('POST', '/api/warehouses', {
        body: { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302' },
      });
    });
    after(async () => {
      setPrivateUrlsAllowed(true);
      await t.close();
    });

    test('saving a channel whose AJIO or IRP address could leak its password is refused with a 400 naming the field', async () => {
      setPrivateUrlsAllowed(false);
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [
          { baseUrl: 'http://169.254.169.254/latest/meta-data' },
          'settings.baseUrl',
          /plain http:, which would send the password in clear/,
        ],
        [{ baseUrl: 'https://169.254.169.254/latest/meta-data' }, 'settings.baseUrl', /link-local/],
        [{ baseUrl: 'file:///etc/passwd' }, 'settings.baseUrl', /uses file:/],
        [{ baseUrl: 'gopher://127.0.0.1:6379/_x' }, 'settings.baseUrl', /uses gopher:/],
        [{ baseUrl: 'javascript:alert(1)' }, 'settings.baseUrl', /uses javascript:/],
        [{ baseUrl: 'https://user:pw@api.example.com' }, 'settings.baseUrl', /carries a user name or password/],
        [{ baseUrl: 'https://10.0.0.8' }, 'settings.baseUrl', /loopback, private or link-local/],
        [{ baseUrl: 'https://[::1]:8443' }, 'settings.baseUrl', /loopback, private or link-local/],
        [
          { einvoice: { irpBaseUrl: 'http://192.168.1.10' } },
          'settings.einvoice.irpBaseUrl',
          /The e-invoice \(IRP\) API address uses plain http:/,
        ],
        [{ einvoice: { irpBaseUrl: 'https://127.0.0.1' } }, 'settings.einvoice.irpBaseUrl', /loopback/],
      ];
      for (const [settings, field, message] of cases) {
        const response = await t.call('POST', '/api/channels', { body: channel(settings) });
        assert.equal(response.statusCode, 400, `${JSON.stringify(settings)}: ${response.body}`);
        assert.equal(response.json().error.field, field);
        assert.match(response.json().error.message, message);
      }
      const fine = await t.call('POST', '/api/channels', {
        body: channel({ baseUrl: 'https://api-seller.services.ajio.com' }),
      });
      assert.equal(fine.statusCode, 201, fine.body);
      const changed = await t.call('PATCH', `/api/channels/${fine.json().code}`, {
        body: { settings: { baseUrl: 'http://127.0.0.1:9' } },
      });
      assert.equal(changed.statusCode, 400);
      assert.equal(changed.json().error.field, 'settings.baseUrl');
    });

    test('an address saved while private URLs were allowed is refused at call time once they are not; nothing is sent', async () => {
      const target = await recorder(() => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"result":{"accessToken":"x","expiresIn":1800}}',
      }));
      try {
        setPrivateUrlsAllowed(true);
        const created = await t.call('POST', '/api/channels', { body: channel({ baseUrl: target.url }) });
        assert.equal(created.statusCode, 201, created.body);
        setPrivateUrlsAllowed(false);
        const tested = await t.call('POST', `/api/channels/${created.json().code}/test-connection`);
        assert.equal(tested.statusCode, 503, tested.body);
        assert.match(tested.json().error.message, /AJIO's API address uses plain http:/);
        assert.equal(target.requests.length, 0, 'no request reached the address');
      } finally {
        target.server.close();
      }
    });

    test('a 302 from the AJIO address to another server is not followed: the password never reaches it', async () => {
      const elsewhere = await recorder(() => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"result":{"accessToken":"stolen","expiresIn":1800}}',
      }));
      const redirecting = await recorder((request) => ({
        status: 302,
        headers: { location: `${elsewhere.url}${request.url}` },
      }));
      try {
        setPrivateUrlsAllowed(true);
        const created = await t.call('POST', '/api/channels', { body: channel({ baseUrl: redirecting.url }) });
        assert.equal(created.statusCode, 201, created.body);
        const tested = await t.call('POST', `/api/channels/${created.json().code}/test-connection`);
        assert.equal(tested.statusCode, 503, tested.body);
        assert.match(
          tested.json().error.message,
          new RegExp(`answered 302, a redirect to ${elsewhere.url}.*Weft does not follow redirects with credentials`),
        );
        assert.equal(redirecting.requests.length, 1, 'one login, not retried');
        assert.equal(elsewhere.requests.length, 0, 'the redirect target got nothing');
      } finally {
        redirecting.server.close();
        elsewhere.server.close();
      }
    });
  });
}

test('the IRP client does not follow a redirect either: the IRP password and client secret stay put', async () => {
  setPrivateUrlsAllowed(true);
  const elsewhere = await recorder(() => ({ status: 200, body: '{}' }));
  const redirecting = await recorder((request) => ({
    status: 307,
    headers: { location: `${elsewhere.url}${request.url}` },
  }));
  try {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const irp = new IrpClient({
      baseUrl: redirecting.url,
      gstin: '27AAACR5055K1Z7',
      userName: 'irp-user',
      password: 'irp-password',
      clientId: 'client',
      clientSecret: 'client-secret',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    await assert.rejects(
      irp.authenticate(),
      (error: Error) =>
        error instanceof IrpError &&
        error.kind === 'config' &&
        /answered 307, a redirect to .*Weft does not follow redirects with credentials/.test(error.message),
    );
    assert.equal(redirecting.requests.length, 1);
    assert.equal(elsewhere.requests.length, 0);
  } finally {
    redirecting.server.close();
    elsewhere.server.close();
  }
});
