import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { buildApp } from '../../src/http/app.ts';
import type { HttpSettings } from '../../src/http/context.ts';
import { authenticate, createUser } from '../../src/core/users/users.ts';
import { createLogger } from '../../src/log.ts';

const log = createLogger('silent');

for (const kind of databaseKinds) {
  describe(`sign-in security (${kind})`, () => {
    let t: TestApp;
    const apps: FastifyInstance[] = [];
    before(async () => {
      t = await createTestApp(kind);
    });
    after(async () => {
      for (const app of apps) await app.close();
      await t.close();
    });

    /** Another API process on the same database, with its own throttle settings. */
    async function apiProcess(loginThrottle: Partial<HttpSettings['loginThrottle']>) {
      const app = await buildApp({
        database: t.database,
        secrets: t.secrets,
        jobs: t.jobs,
        log,
        http: { loginThrottle },
      });
      apps.push(app);
      return app;
    }
    const user = (username: string) =>
      createUser(t.database.db, { username, password: `${username}-password-1`, role: 'operator' }, 'test');
    const signIn = (
      app: FastifyInstance,
      username: string,
      password: string,
      from = '127.0.0.1',
      url = '/api/auth/token',
    ) => app.inject({ method: 'POST', url, remoteAddress: from, payload: { username, password } });

    test('after N failed sign-ins of a username: 429 with Retry-After and a message saying when, in every API process', async () => {
      await user('locked.out');
      const first = await apiProcess({ userFailures: 3, lockSeconds: 600 });
      const second = await apiProcess({ userFailures: 3, lockSeconds: 600 });
      // Failures counted in one process and the other alike: the counts live in the database.
      for (const [app, url] of [
        [first, '/api/auth/token'],
        [second, '/api/auth/session'],
        [first, '/api/auth/token'],
      ] as const) {
        assert.equal((await signIn(app, 'locked.out', 'wrong-password', '10.1.0.1', url)).statusCode, 401);
      }
      for (const app of [first, second]) {
        const refused = await signIn(app, 'locked.out', 'locked.out-password-1', '10.1.0.2');
        assert.equal(refused.statusCode, 429, 'refused even with the right password, from any address');
        assert.equal(refused.json().error.code, 'throttled');
        assert.match(
          refused.json().error.message,
          /^Too many failed sign-ins for this username: try again in 10 minutes \(after \d\d:\d\d UTC\)/,
        );
        const retryAfter = Number(refused.headers['retry-after']);
        assert.ok(retryAfter > 590 && retryAfter <= 600, `Retry-After ${retryAfter}`);
      }
      const session = await signIn(second, 'locked.out', 'locked.out-password-1', '10.1.0.2', '/api/auth/session');
      assert.equal(session.statusCode, 429, 'the console sign-in is throttled too');
      assert.equal(
        (await signIn(first, 'operator1', 'operator-password-1', '10.1.0.1')).statusCode,
        201,
        'other users sign in as before',
      );
    });

    test('a successful sign-in resets the username count', async () => {
      await user('forgetful');
      const app = await apiProcess({ userFailures: 3, lockSeconds: 600 });
      for (let round = 0; round < 3; round += 1) {
        assert.equal((await signIn(app, 'forgetful', 'wrong-password')).statusCode, 401);
        assert.equal((await signIn(app, 'forgetful', 'wrong-password')).statusCode, 401);
        assert.equal(
          (await signIn(app, 'forgetful', 'forgetful-password-1')).statusCode,
          201,
          `round ${round}: two failures, then in`,
        );
      }
    });

    test('the lock ends after WEFT_LOGIN_LOCK_SECONDS', async () => {
      await user('patient');
      const app = await apiProcess({ userFailures: 2, lockSeconds: 3 });
      for (let i = 0; i < 2; i += 1) assert.equal((await signIn(app, 'patient', 'wrong-password')).statusCode, 401);
      const refused = await signIn(app, 'patient', 'patient-password-1');
      assert.equal(refused.statusCode, 429);
      await sleep(Number(refused.headers['retry-after']) * 1000 + 300);
      assert.equal((await signIn(app, 'patient', 'patient-password-1')).statusCode, 201);
    });

    test('after N failures from one address (any usernames), that address is refused; others are not', async () => {
      const app = await apiProcess({ userFailures: 100, addressFailures: 4, lockSeconds: 600 });
      for (const name of ['guess1', 'guess2', 'guess3', 'admin1']) {
        assert.equal((await signIn(app, name, 'wrong-password', '10.9.9.9')).statusCode, 401);
      }
      const refused = await signIn(app, 'viewer1', 'viewer-password-1', '10.9.9.9');
      assert.equal(refused.statusCode, 429);
      assert.match(refused.json().error.message, /for your address/);
      assert.ok(Number(refused.headers['retry-after']) > 0);
      assert.equal((await signIn(app, 'viewer1', 'viewer-password-1', '10.9.9.10')).statusCode, 201);
    });

    test('passwords are capped at 256 characters, refused before hashing', async () => {
      const long = 'p'.repeat(257);
      const made = await t.call('POST', '/api/users', {
        body: { username: 'longpass', password: long, role: 'viewer' },
      });
      assert.equal(made.statusCode, 400);
      assert.equal(made.json().error.field, 'password');
      assert.match(made.json().error.message, /at most 256 characters/);
      assert.equal(
        (
          await t.call('POST', '/api/users', {
            body: { username: 'longpass', password: 'p'.repeat(256), role: 'viewer' },
          })
        ).statusCode,
        201,
      );
      const reset = await t.call('PATCH', '/api/users/longpass', { body: { password: long } });
      assert.equal(reset.statusCode, 400);
      const huge = 'x'.repeat(900 * 1024);
      const started = Date.now();
      for (const url of ['/api/auth/token', '/api/auth/session']) {
        const signIn = await t.call('POST', url, { as: null, body: { username: 'longpass', password: huge } });
        assert.equal(signIn.statusCode, 400, url);
        assert.equal(signIn.json().error.field, 'password');
      }
      await assert.rejects(authenticate(t.database.db, 'longpass', huge), /username or password is wrong/);
      assert.ok(Date.now() - started < 5000, 'no 900 KB scrypt was run');
    });

    test('re-enabling a disabled user does not bring back their old tokens or sessions', async () => {
      await t.call('POST', '/api/users', {
        body: { username: 'returner', password: 'returner-pass-1', role: 'operator' },
      });
      const token = (await t.call('POST', '/api/users/returner/tokens', { body: { name: 'ERP' } })).json()
        .token as string;
      const own = (
        await t.call('POST', '/api/auth/token', {
          as: null,
          body: { username: 'returner', password: 'returner-pass-1' },
        })
      ).json().token as string;
      const signedIn = await t.call('POST', '/api/auth/session', {
        as: null,
        body: { username: 'returner', password: 'returner-pass-1' },
      });
      const cookie = String(signedIn.headers['set-cookie']).split(';')[0];
      const me = (headers: Record<string, string>) => t.call('GET', '/api/auth/me', { as: null, headers });
      const credentials: Record<string, string>[] = [
        { authorization: `Bearer ${token}` },
        { authorization: `Bearer ${own}` },
        { cookie },
      ];
      for (const headers of credentials) {
        assert.equal((await me(headers)).statusCode, 200);
      }

      const disabled = await t.call('PATCH', '/api/users/returner', { body: { active: false } });
      assert.equal(disabled.statusCode, 200, disabled.body);
      assert.equal(disabled.json().tokensRevoked, 3);
      const enabled = await t.call('PATCH', '/api/users/returner', { body: { active: true } });
      assert.equal(enabled.statusCode, 200);
      for (const headers of credentials) {
        assert.equal((await me(headers)).statusCode, 401, `${Object.keys(headers)[0]} stays dead after re-enabling`);
      }
      const listed = (await t.call('GET', '/api/users/returner/tokens')).json().items as { status: string }[];
      assert.ok(listed.length === 3 && listed.every((i) => i.status === 'revoked'));
      const fresh = await t.call('POST', '/api/auth/token', {
        as: null,
        body: { username: 'returner', password: 'returner-pass-1' },
      });
      assert.equal(fresh.statusCode, 201, 'they sign in afresh');
    });
  });
}
