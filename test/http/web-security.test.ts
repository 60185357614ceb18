import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { buildApp } from '../../src/http/app.ts';
import { markPublicScope, requireRoutePolicy } from '../../src/http/route-policy.ts';
import { createLogger } from '../../src/log.ts';

const log = createLogger('silent');

for (const kind of databaseKinds) {
  describe(`web security (${kind})`, () => {
    let t: TestApp;
    let session: string;
    before(async () => {
      t = await createTestApp(kind);
      const signedIn = await t.call('POST', '/api/auth/session', {
        as: null,
        body: { username: 'operator1', password: 'operator-password-1' },
      });
      assert.equal(signedIn.statusCode, 200);
      session = String(signedIn.headers['set-cookie']).split(';')[0];
    });
    after(() => t.close());

    const warehouse = (code: string) => ({
      code,
      name: 'W',
      gstin: '27AAACR5055K1Z7',
      stateCode: '27',
      pincode: '421302',
      address: 'Plot 4',
    });
    const sku = (code: string) => ({ code, name: code, mrpPaise: 100 });
    const withCookie = (
      headers: Record<string, string>,
      body: unknown = sku(`S-${Math.random().toString(36).slice(2, 8)}`),
    ) =>
      t.app.inject({
        method: 'POST',
        url: '/api/skus',
        headers: { cookie: session, ...headers },
        payload: body as object,
      });

    test('CSRF: a cross-site change carrying only the session cookie is refused with 403 csrf, before anything runs', async () => {
      const refusedHeaders: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { origin: 'https://evil.example' },
        { origin: 'null' },
        {},
      ];
      for (const headers of refusedHeaders) {
        const answer = await withCookie(headers, sku('CSRF-1'));
        assert.equal(answer.statusCode, 403, JSON.stringify(headers));
        assert.equal(answer.json().error.code, 'csrf');
        assert.match(answer.json().error.message, /refused.*Weft's own pages.*Authorization: Bearer/);
      }
      // A body-less write (the finding: sync, dispatch, reprocess…) is refused the same way.
      const sync = await t.app.inject({
        method: 'POST',
        url: '/api/channels/NOPE/sync/orders',
        headers: { cookie: session, 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(sync.statusCode, 403);
      assert.equal(sync.json().error.code, 'csrf');
      const made = await t.database.query("select count(*)::int as n from skus where code = 'CSRF-1'");
      assert.equal((made.rows[0] as { n: number }).n, 0, 'nothing was written');
    });

    test("CSRF: the same change from Weft's own pages is accepted (Sec-Fetch-Site, or a matching Origin); reads need no check", async () => {
      assert.equal((await withCookie({ 'sec-fetch-site': 'same-origin' })).statusCode, 201);
      assert.equal((await withCookie({ 'sec-fetch-site': 'none' })).statusCode, 201, 'typed by the user');
      // inject's Host is localhost:80; a browser without Sec-Fetch-Site sends its Origin.
      assert.equal((await withCookie({ origin: 'http://localhost' })).statusCode, 201);
      assert.equal((await withCookie({ origin: 'http://localhost:80' })).statusCode, 201);
      assert.equal(
        (await withCookie({ origin: 'http://localhost:8080' })).statusCode,
        403,
        'another port is another origin',
      );
      const read = await t.app.inject({
        method: 'GET',
        url: '/api/skus',
        headers: { cookie: session, 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(read.statusCode, 200, 'a GET changes nothing, so a link from elsewhere still opens');
      const signOut = await t.app.inject({
        method: 'DELETE',
        url: '/api/auth/session',
        headers: { cookie: session, 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(signOut.statusCode, 403, 'nor can another site sign the user out');
    });

    test('CSRF: bearer-token clients are unaffected, whatever they send', async () => {
      const answer = await t.call('POST', '/api/skus', {
        as: 'operator',
        body: sku('BEARER-1'),
        headers: { 'sec-fetch-site': 'cross-site', cookie: session },
      });
      assert.equal(answer.statusCode, 201, answer.body);
      assert.equal((await t.call('POST', '/api/warehouses', { body: warehouse('CSRF1') })).statusCode, 201);
    });

    test('CSRF: WEFT_PUBLIC_ORIGIN is accepted when a proxy changes the Host header', async () => {
      const app = await buildApp({
        database: t.database,
        secrets: t.secrets,
        jobs: t.jobs,
        log,
        http: { publicOrigin: 'https://weft.example.com' },
      });
      try {
        const headers = { cookie: session, host: 'weft-internal:8080' };
        const own = await app.inject({
          method: 'POST',
          url: '/api/skus',
          headers: { ...headers, origin: 'https://weft.example.com' },
          payload: sku('ORIGIN-1'),
        });
        assert.equal(own.statusCode, 201, own.body);
        const other = await app.inject({
          method: 'POST',
          url: '/api/skus',
          headers: { ...headers, origin: 'https://weft.example.org' },
          payload: sku('ORIGIN-2'),
        });
        assert.equal(other.statusCode, 403);
      } finally {
        await app.close();
      }
    });

    test('the real app refuses a route added without a policy', async () => {
      const app = await buildApp({ database: t.database, secrets: t.secrets, jobs: t.jobs, log });
      try {
        assert.throws(
          () => app.post('/api/open-by-mistake', async () => 'open'),
          /Route POST \/api\/open-by-mistake has no access policy/,
        );
      } finally {
        await app.close();
      }
    });

    test('security headers on every answer (refusals and 404s too); no-store on API answers; HSTS only over https', async () => {
      for (const [url, as, status] of [
        ['/api/skus', 'viewer', 200],
        ['/api/skus', null, 401],
        ['/api/nothing', 'viewer', 404],
        ['/health', null, 200],
      ] as const) {
        const answer = await t.call('GET', url, { as });
        assert.equal(answer.statusCode, status, url);
        assert.equal(answer.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(answer.headers['x-frame-options'], 'SAMEORIGIN', url);
        const csp = String(answer.headers['content-security-policy']);
        assert.match(csp, /default-src 'self'/);
        assert.match(csp, /script-src 'self'(;|$)/, 'no inline or remote script');
        assert.match(csp, /frame-ancestors 'self'/);
        assert.match(csp, /object-src 'none'/);
        assert.equal(answer.headers['cache-control'], 'no-store', url);
        assert.equal(answer.headers['strict-transport-security'], undefined, 'plain http: no HSTS');
      }
      const proxied = await buildApp({
        database: t.database,
        secrets: t.secrets,
        jobs: t.jobs,
        log,
        http: { trustProxy: true },
      });
      try {
        const overHttps = await proxied.inject({
          method: 'GET',
          url: '/health',
          headers: { 'x-forwarded-proto': 'https' },
        });
        assert.match(String(overHttps.headers['strict-transport-security']), /^max-age=31536000/);
      } finally {
        await proxied.close();
      }
      const docs = await t.call('GET', '/api/docs/', { as: null });
      assert.equal(docs.statusCode, 200, 'the API docs still load under the policy');
    });

    test('behind an HTTPS proxy (WEFT_TRUST_PROXY) the session cookie is Secure; without trust, X-Forwarded-Proto is ignored', async () => {
      const body = { username: 'viewer1', password: 'viewer-password-1' };
      const direct = await t.call('POST', '/api/auth/session', {
        as: null,
        body,
        headers: { 'x-forwarded-proto': 'https' },
      });
      assert.doesNotMatch(
        String(direct.headers['set-cookie']),
        /Secure/,
        'a forged header from a direct client changes nothing',
      );
      const proxied = await buildApp({
        database: t.database,
        secrets: t.secrets,
        jobs: t.jobs,
        log,
        http: { trustProxy: '127.0.0.1' },
      });
      try {
        const answer = await proxied.inject({
          method: 'POST',
          url: '/api/auth/session',
          headers: { 'x-forwarded-proto': 'https' },
          payload: body,
        });
        assert.equal(answer.statusCode, 200);
        assert.match(String(answer.headers['set-cookie']), /; Secure$/);
      } finally {
        await proxied.close();
      }
    });
  });
}

describe('route policy at start-up', () => {
  test('a route without a declared policy stops the server from starting, naming the route', async () => {
    const app = Fastify();
    requireRoutePolicy(app);
    app.get('/api/fine', { config: { role: 'viewer' } }, async () => 'ok');
    assert.throws(
      () => app.get('/api/forgotten', async () => 'open'),
      /Route GET \/api\/forgotten has no access policy: add config: \{ role:/,
    );
    assert.throws(
      () => app.post('/api/typo', { config: { role: 'operater' as never } }, async () => 'x'),
      /declares role "operater"/,
    );
    await app.close();
  });

  test('a public scope (the docs, the console files) opens only routes under its own prefix', async () => {
    const app = Fastify();
    requireRoutePolicy(app);
    await app.register(async (docs) => {
      markPublicScope(docs, '/api/docs');
      docs.get('/api/docs/json', async () => ({}));
    });
    await app.ready();
    assert.equal((await app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode, 200);

    const sneaky = Fastify();
    requireRoutePolicy(sneaky);
    sneaky.register(async (docs) => {
      markPublicScope(docs, '/api/docs');
      docs.get('/api/users-too', async () => []);
    });
    await assert.rejects(async () => {
      await sneaky.ready();
    }, /Route GET \/api\/users-too has no access policy/);
    await app.close();
  });
});
