import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { routePolicies, type Policy, type RoutePolicy } from '../../src/http/route-policy.ts';
import type { Role } from '../../src/db/schema.ts';

/**
 * The route-table sweep: every operation the app registers (read from the same table the policy check
 * is built from, so a new route is swept the day it is added), called over real HTTP — so encoded paths
 * reach the server as sent — by every kind of caller and through every spelling of its path. Path
 * parameters name things that do not exist, so callers who are let in get a 400 or 404 and change nothing.
 */

type Caller = Role | null;
const callers: Caller[] = [null, 'viewer', 'operator', 'admin'];
const rank: Record<Policy, number> = { public: -1, viewer: 0, operator: 1, admin: 2 };
const callerRank = (caller: Caller) => (caller === null ? -1 : rank[caller]);

/** What a denied caller must get: 401 without credentials, 403 with too small a role. */
const denialOf = (policy: Policy, caller: Caller): 401 | 403 | null => {
  if (policy === 'public' || callerRank(caller) >= rank[policy]) return null;
  return caller === null ? 401 : 403;
};

const paramValues: Record<string, string> = {
  id: '999999',
  code: 'NOPE',
  username: 'nobody-here',
  sku: 'NOPE',
  warehouse: 'NOPE',
  channelSku: 'NOPE',
  stream: 'orders',
  snapshotId: 'NOPE-SNAPSHOT',
};

/** A concrete path for a route: plausible values that name nothing (`:id.csv` keeps its suffix). */
function fillPath(url: string): string {
  return url
    .split('/')
    .map((segment) => {
      if (segment === '*') return 'x';
      const param = /^:([A-Za-z]+)(.*)$/.exec(segment);
      if (!param) return segment;
      const value = paramValues[param[1]];
      assert.ok(value, `the sweep has no value for :${param[1]} (in ${url}): add one to paramValues`);
      return value + param[2];
    })
    .join('/');
}

/**
 * Other spellings of a path. `routes`: the router must send them to the same route (percent-encoded
 * letters, doubled slashes); `refused`: the exact answer every caller gets (dot segments 400, another
 * case or an encoded slash 404).
 */
interface Variant {
  name: string;
  path: string;
  routes: boolean;
  refused?: 400 | 404;
}

function variantsOf(path: string): Variant[] {
  const [, first, ...rest] = path.split('/');
  if (!first) return [{ name: 'doubled slash', path: '//', routes: true }];
  const tail = rest.length ? `/${rest.join('/')}` : '';
  const hex = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  const encodedFirst = `/${hex(first[0])}${first.slice(1)}${tail}`;
  const encodedLast = `/${first.slice(0, -1)}${hex(first.at(-1)!)}${tail}`;
  const variants: Variant[] = [
    { name: 'first letter percent-encoded', path: encodedFirst, routes: true },
    { name: 'last letter percent-encoded', path: encodedLast, routes: true },
    { name: 'leading doubled slash', path: `/${path}`, routes: true },
    { name: 'dot segment', path: `/${first}/.${tail || '/'}`, routes: false, refused: 400 },
    { name: 'encoded dot-dot segment', path: `/${first}/x/%2e%2e${tail || '/'}`, routes: false, refused: 400 },
    { name: 'upper case', path: `/${first.toUpperCase()}${tail}`, routes: false, refused: 404 },
  ];
  if (rest.length) {
    variants.push({ name: 'inner doubled slash', path: `/${first}//${rest.join('/')}`, routes: true });
    variants.push({ name: 'encoded slash', path: `/${first}%2F${rest.join('/')}`, routes: false, refused: 404 });
  }
  return variants;
}

for (const kind of ['pglite'] as const) {
  describe(`route-table access sweep (${kind})`, () => {
    let t: TestApp;
    let agent: http.Agent;
    let port: number;
    let operations: RoutePolicy[];
    let requests = 0;

    before(async () => {
      t = await createTestApp(kind);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as AddressInfo).port;
      agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
      // HEAD routes are Fastify's copies of the GET ones, with the same policy; swept through their GET.
      operations = routePolicies(t.app).filter((r) => r.method !== 'HEAD');
    });
    after(async () => {
      agent.destroy();
      await t.close();
    });

    /** One request as sent: the path is not normalised by any client library. */
    function send(method: string, path: string, caller: Caller): Promise<{ status: number; body: string }> {
      requests += 1;
      const hasBody = ['POST', 'PATCH', 'PUT'].includes(method);
      const headers: Record<string, string> = {};
      if (caller) headers.authorization = `Bearer ${t.tokens[caller]}`;
      if (hasBody) headers['content-type'] = 'application/json';
      return new Promise((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on('error', reject);
        request.end(hasBody ? '{}' : undefined);
      });
    }

    test('the route table is what the sweep expects: every operation has a policy, the API is not public', () => {
      assert.ok(operations.length >= 70, `${operations.length} operations`);
      for (const operation of operations) {
        assert.ok(
          ['public', 'viewer', 'operator', 'admin'].includes(operation.role),
          `${operation.method} ${operation.url}`,
        );
      }
      const publicApi = operations
        .filter((o) => o.role === 'public' && o.url.startsWith('/api/') && !o.url.startsWith('/api/docs'))
        .map((o) => `${o.method} ${o.url}`)
        .sort();
      assert.deepEqual(
        publicApi,
        ['DELETE /api/auth/session', 'POST /api/auth/session', 'POST /api/auth/token'],
        'only signing in and out is public under /api (besides the docs)',
      );
      assert.ok(operations.some((o) => o.url === '/health' && o.role === 'public'));
      // A deliberate exception: no user signs in to /metrics, so its policy is public, and the route
      // itself demands the metrics token (WEFT_METRICS_TOKEN) — or answers 404 when none is set, as in
      // this sweep's app. test/metrics/metrics-access.test.ts checks the token: 401 without, 200 with.
      assert.ok(operations.some((o) => o.url === '/metrics' && o.method === 'GET' && o.role === 'public'));
    });

    test('every operation answers each caller as its policy says: 401/403 exactly where denied, never for the allowed', async () => {
      const wrong: string[] = [];
      for (const operation of operations) {
        const path = fillPath(operation.url);
        for (const caller of callers) {
          const { status, body } = await send(operation.method, path, caller);
          const denial = denialOf(operation.role, caller);
          const who = caller ?? 'anonymous';
          if (denial !== null && status !== denial)
            wrong.push(`${operation.method} ${path} as ${who}: ${status}, expected ${denial} (${body.slice(0, 120)})`);
          if (denial === null && (status === 401 || status === 403))
            wrong.push(`${operation.method} ${path} as ${who}: ${status}, expected to be let in`);
          if (status >= 500) wrong.push(`${operation.method} ${path} as ${who}: ${status} (${body.slice(0, 120)})`);
        }
      }
      assert.deepEqual(wrong, []);
    });

    test('every spelling of every path reaches the same policy or is refused; none lets a denied caller in', async () => {
      const wrong: string[] = [];
      for (const operation of operations) {
        for (const variant of variantsOf(fillPath(operation.url))) {
          for (const caller of callers) {
            const { status, body } = await send(operation.method, variant.path, caller);
            const denial = denialOf(operation.role, caller);
            const where = `${operation.method} ${variant.path} (${variant.name}) as ${caller ?? 'anonymous'}: ${status}`;
            if (variant.routes) {
              if (denial !== null && status !== denial)
                wrong.push(`${where}, expected ${denial} (${body.slice(0, 120)})`);
              if (denial === null && (status === 401 || status === 403))
                wrong.push(`${where}, expected the same route to let this caller in`);
            } else if (denial !== null && status !== variant.refused) {
              // Another path entirely: a denied caller gets the refusal, never some other route's answer.
              wrong.push(`${where}, expected ${variant.refused} (${body.slice(0, 120)})`);
            }
            if (status >= 500) wrong.push(`${where} (${body.slice(0, 120)})`);
          }
        }
      }
      assert.deepEqual(wrong, []);
    });

    test("the finding's curl: POST /%61pi/users without credentials is 401 and makes no user", async () => {
      for (const path of ['/%61pi/users', '/ap%69/users', '//api/users', '/%61%70%69/users']) {
        const created = await new Promise<number>((resolve, reject) => {
          const request = http.request(
            { host: '127.0.0.1', port, method: 'POST', path, agent, headers: { 'content-type': 'application/json' } },
            (response) => {
              response.resume();
              response.on('end', () => resolve(response.statusCode ?? 0));
            },
          );
          request.on('error', reject);
          request.end(JSON.stringify({ username: 'evil', password: 'Evil-password-1', role: 'admin' }));
        });
        assert.equal(created, 401, path);
      }
      const evil = await t.database.query("select count(*)::int as n from users where username = 'evil'");
      assert.equal((evil.rows[0] as { n: number }).n, 0);
    });

    after(() => {
      // The figures the README quotes.
      const guarded = operations?.filter((o) => o.role !== 'public').length ?? 0;
      console.log(
        `route-policy sweep: ${operations?.length ?? 0} operations (${guarded} guarded), ${requests} requests`,
      );
    });
  });
}
