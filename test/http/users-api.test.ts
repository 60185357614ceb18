import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';

/**
 * Users through the API, as the console's Users screen drives it: add with field errors, change a
 * role, reset a password (the old one stops working, and so do the user's console sessions), disable
 * and enable, issue a token that works, list a user's tokens and sessions and revoke one (it stops
 * working at once) — and the last active admin cannot lock everyone out. Only an admin may do any of it.
 */
for (const kind of databaseKinds) {
  describe(`users API (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(kind);
    });
    after(async () => t?.close());

    const signIn = (username: string, password: string) =>
      t.call('POST', '/api/auth/token', { as: null, body: { username, password } });

    test('adding a user refuses bad input naming the field', async () => {
      const short = await t.call('POST', '/api/users', {
        body: { username: 'ab', password: 'short', role: 'operator' },
      });
      assert.equal(short.statusCode, 400);
      const fields = Object.fromEntries(
        short.json().error.details.map((d: { field: string; message: string }) => [d.field, d.message]),
      );
      assert.match(fields.username, /3 to 64 letters/);
      assert.match(fields.password, /at least 10 characters/);
      const taken = await t.call('POST', '/api/users', {
        body: { username: 'operator1', password: 'long-enough-1', role: 'operator' },
      });
      assert.equal(taken.statusCode, 409);
      assert.equal(taken.json().error.field, 'username');
      const added = await t.call('POST', '/api/users', {
        body: { username: 'packer.2', password: 'first-password', role: 'viewer' },
      });
      assert.equal(added.statusCode, 201, added.body);
      const listed = (await t.call('GET', '/api/users'))
        .json()
        .items.find((u: { username: string }) => u.username === 'packer.2');
      assert.deepEqual(
        [listed.role, listed.active, typeof listed.createdAt, listed.lastSeenAt],
        ['viewer', true, 'string', null],
      );
    });

    test('role change, password reset (old password refused, new accepted), disable and enable', async () => {
      const role = await t.call('PATCH', '/api/users/packer.2', { body: { role: 'operator' } });
      assert.equal(role.statusCode, 200, role.body);
      assert.equal(role.json().role, 'operator');

      const weak = await t.call('PATCH', '/api/users/packer.2', { body: { password: 'short' } });
      assert.equal(weak.statusCode, 400);
      assert.equal(weak.json().error.field, 'password');
      assert.match(weak.json().error.message, /at least 10 characters/);
      assert.equal(
        (await t.call('PATCH', '/api/users/packer.2', { body: { password: 'second-password' } })).statusCode,
        200,
      );
      assert.equal((await signIn('packer.2', 'first-password')).statusCode, 401);
      const signedIn = await signIn('packer.2', 'second-password');
      assert.equal(signedIn.statusCode, 201);
      assert.equal(signedIn.json().user.role, 'operator');

      const token = signedIn.json().token as string;
      assert.equal((await t.call('PATCH', '/api/users/packer.2', { body: { active: false } })).json().active, false);
      assert.equal(
        (await t.call('GET', '/api/auth/me', { as: null, headers: { authorization: `Bearer ${token}` } })).statusCode,
        401,
        "a disabled user's token stops working",
      );
      assert.equal((await signIn('packer.2', 'second-password')).statusCode, 401);
      const refused = await t.call('POST', '/api/users/packer.2/tokens', { body: { name: 'erp' } });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.json().error.message, /is disabled: enable the user/);
      await t.call('PATCH', '/api/users/packer.2', { body: { active: true } });
      assert.equal((await signIn('packer.2', 'second-password')).statusCode, 201);
      assert.equal((await t.call('PATCH', '/api/users/nobody', { body: { role: 'viewer' } })).statusCode, 404);
    });

    test('an issued token works against the API and expires when asked; its name is required', async () => {
      const unnamed = await t.call('POST', '/api/users/packer.2/tokens', { body: { name: ' ' } });
      assert.equal(unnamed.statusCode, 400);
      assert.equal(unnamed.json().error.field, 'name');
      const tooLong = await t.call('POST', '/api/users/packer.2/tokens', {
        body: { name: 'erp', ttlSeconds: 400 * 86400 },
      });
      assert.equal(tooLong.json().error.field, 'ttlSeconds');
      const issued = await t.call('POST', '/api/users/packer.2/tokens', {
        body: { name: 'ERP sync', ttlSeconds: 30 * 86400 },
      });
      assert.equal(issued.statusCode, 201, issued.body);
      const { token, expiresAt, name } = issued.json();
      assert.equal(name, 'ERP sync');
      const days = (new Date(expiresAt).getTime() - Date.now()) / 86400_000;
      assert.ok(days > 29.9 && days <= 30, `expires in 30 days, not ${days}`);
      const me = await t.call('GET', '/api/auth/me', { as: null, headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.json().username, 'packer.2');
      const audit = await t.database.query<{ action: string }>(
        "select action from audit_log where entity = 'user' and entity_id = 'packer.2' order by id",
      );
      assert.ok(audit.rows.some((r) => r.action === 'issue_token'));
      assert.equal((await t.call('POST', '/api/users/nobody/tokens', { body: { name: 'x' } })).statusCode, 404);
    });

    interface Listed {
      id: number;
      name: string;
      kind: string;
      status: string;
      createdAt: string;
      lastUsedAt: string | null;
      expiresAt: string | null;
      revokedAt: string | null;
    }
    const bearer = (token: string) => ({ as: null, headers: { authorization: `Bearer ${token}` } });
    const withCookie = (cookie: string) => ({ as: null, headers: { cookie } });
    const listTokens = async (username: string) => {
      const answer = await t.call('GET', `/api/users/${username}/tokens`);
      assert.equal(answer.statusCode, 200, answer.body);
      return answer.json().items as Listed[];
    };
    /** Signs in to the console as that user and answers the session cookie, as the browser would send it back. */
    const openSession = async (username: string, password: string) => {
      const signedIn = await t.call('POST', '/api/auth/session', { as: null, body: { username, password } });
      assert.equal(signedIn.statusCode, 200, signedIn.body);
      return String(signedIn.headers['set-cookie']).split(';')[0];
    };

    test("a user's tokens and console sessions are listed newest first, labelled by kind, never with the secret", async () => {
      await t.call('POST', '/api/users', {
        body: { username: 'integrator', password: 'integrator-pass-1', role: 'operator' },
      });
      const session = await openSession('integrator', 'integrator-pass-1');
      const erp = (
        await t.call('POST', '/api/users/integrator/tokens', { body: { name: 'ERP sync', ttlSeconds: 90 * 86400 } })
      ).json().token as string;
      const script = (
        await t.call('POST', '/api/auth/token', {
          as: null,
          body: { username: 'integrator', password: 'integrator-pass-1', name: 'script' },
        })
      ).json().token as string;
      assert.equal((await t.call('GET', '/api/auth/me', bearer(erp))).statusCode, 200);

      const answer = await t.call('GET', '/api/users/integrator/tokens');
      for (const secret of [erp, script, session.split('=')[1]])
        assert.ok(!answer.body.includes(secret), 'no token is ever listed');
      assert.ok(!answer.body.includes('hash'), 'nor its hash');
      const items = answer.json().items as Listed[];
      assert.deepEqual(
        items.map((i) => [i.name, i.kind, i.status]),
        [
          ['script', 'token', 'active'],
          ['ERP sync', 'token', 'active'],
          ['console session', 'session', 'active'],
        ],
      );
      const [scriptRow, erpRow, sessionRow] = items;
      assert.equal(scriptRow.expiresAt, null);
      assert.ok(erpRow.lastUsedAt, 'the ERP token was just used');
      assert.equal(scriptRow.lastUsedAt, null);
      const sessionHours =
        (new Date(sessionRow.expiresAt!).getTime() - new Date(sessionRow.createdAt).getTime()) / 3600_000;
      assert.ok(sessionHours > 11.9 && sessionHours <= 12.01, `a session lasts 12 hours, not ${sessionHours}`);

      const reserved = await t.call('POST', '/api/users/integrator/tokens', { body: { name: 'Console Session' } });
      assert.equal(reserved.statusCode, 400, 'no API token can pass for a console session');
      assert.equal(reserved.json().error.field, 'name');
      const reservedOwn = await t.call('POST', '/api/auth/token', {
        as: null,
        body: { username: 'integrator', password: 'integrator-pass-1', name: 'console session' },
      });
      assert.equal(reservedOwn.statusCode, 400);
      const missing = await t.call('GET', '/api/users/nobody/tokens');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.json().error.message, /no user named nobody/);
    });

    test("a revoked token or session stops working at once; revoking twice is harmless; another user's token is not found", async () => {
      const erp = (await t.call('POST', '/api/users/integrator/tokens', { body: { name: 'ERP revoke me' } })).json()
        .token as string;
      const session = await openSession('integrator', 'integrator-pass-1');
      const items = await listTokens('integrator');
      const erpRow = items.find((i) => i.name === 'ERP revoke me')!;
      const sessionRow = items.find((i) => i.kind === 'session' && i.status === 'active' && i.id > erpRow.id)!;
      assert.equal((await t.call('GET', '/api/auth/me', bearer(erp))).statusCode, 200);

      const revoked = await t.call('DELETE', `/api/users/integrator/tokens/${erpRow.id}`);
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.deepEqual(
        [revoked.json().id, revoked.json().name, revoked.json().status],
        [erpRow.id, 'ERP revoke me', 'revoked'],
      );
      assert.equal(
        (await t.call('GET', '/api/auth/me', bearer(erp))).statusCode,
        401,
        'refused on the very next request',
      );
      assert.equal(
        (await t.call('GET', '/api/auth/me', withCookie(session))).statusCode,
        200,
        'the session is untouched',
      );

      const again = await t.call('DELETE', `/api/users/integrator/tokens/${erpRow.id}`);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().revokedAt, revoked.json().revokedAt, 'the first revocation time stands');
      const audit = await t.database.query<{ after: { tokenId: number; kind: string } }>(
        "select after from audit_log where action = 'revoke_token' and entity_id = 'integrator' order by id",
      );
      assert.deepEqual(
        audit.rows.map((r) => [r.after.tokenId, r.after.kind]),
        [[erpRow.id, 'token']],
        'logged once',
      );

      assert.equal((await t.call('DELETE', `/api/users/integrator/tokens/${sessionRow.id}`)).json().status, 'revoked');
      assert.equal(
        (await t.call('GET', '/api/auth/me', withCookie(session))).statusCode,
        401,
        'a revoked session signs the console out',
      );

      const adminToken = (await listTokens('admin1'))[0];
      const foreign = await t.call('DELETE', `/api/users/integrator/tokens/${adminToken.id}`);
      assert.equal(foreign.statusCode, 404);
      assert.equal(
        foreign.json().error.message,
        `integrator has no token or session ${adminToken.id}: reload the list of their tokens.`,
      );
      assert.equal((await t.call('GET', '/api/auth/me')).statusCode, 200, "admin1's token still works");
      assert.equal((await t.call('DELETE', '/api/users/integrator/tokens/999999')).statusCode, 404);
      assert.equal((await t.call('DELETE', '/api/users/nobody/tokens/1')).statusCode, 404);
      const notANumber = await t.call('DELETE', '/api/users/integrator/tokens/erp');
      assert.equal(notANumber.statusCode, 400);
      assert.equal(notANumber.json().error.field, 'id');

      const listed = await listTokens('integrator');
      assert.equal(
        listed.find((i) => i.id === erpRow.id)?.status,
        'revoked',
        'a revoked token stays listed as revoked',
      );

      // Each sign-in adds a session, so ended ones drop off the list 30 days after they ended.
      const kept = (await t.call('POST', '/api/users/integrator/tokens', { body: { name: 'ERP lapsed' } })).json()
        .token as string;
      const keptRow = (await listTokens('integrator')).find((i) => i.name === 'ERP lapsed')!;
      await t.database.query(`update api_tokens set expires_at = now() - interval '1 day' where id = ${keptRow.id}`);
      assert.equal((await listTokens('integrator')).find((i) => i.id === keptRow.id)?.status, 'expired');
      assert.equal((await t.call('GET', '/api/auth/me', bearer(kept))).statusCode, 401);
      await t.database.query(`update api_tokens set expires_at = now() - interval '31 days' where id = ${keptRow.id}`);
      await t.database.query(`update api_tokens set revoked_at = now() - interval '31 days' where id = ${erpRow.id}`);
      const remaining = (await listTokens('integrator')).map((i) => i.id);
      assert.ok(
        !remaining.includes(keptRow.id) && !remaining.includes(erpRow.id),
        'ended over 30 days ago: no longer listed',
      );
    });

    test("a password reset ends the user's console sessions but not their API tokens", async () => {
      const first = await openSession('integrator', 'integrator-pass-1');
      const second = await openSession('integrator', 'integrator-pass-1');
      const erp = (await t.call('POST', '/api/users/integrator/tokens', { body: { name: 'ERP kept' } })).json()
        .token as string;
      const liveBefore = (await listTokens('integrator')).filter(
        (i) => i.kind === 'session' && i.status === 'active',
      ).length;
      assert.equal(liveBefore, 3, 'these two and the one opened while listing');

      const reset = await t.call('PATCH', '/api/users/integrator', { body: { password: 'integrator-pass-2' } });
      assert.equal(reset.statusCode, 200, reset.body);
      assert.equal(reset.json().sessionsEnded, liveBefore);
      for (const cookie of [first, second])
        assert.equal((await t.call('GET', '/api/auth/me', withCookie(cookie))).statusCode, 401);
      assert.equal((await t.call('GET', '/api/auth/me', bearer(erp))).statusCode, 200, 'API tokens keep working');
      const after = await listTokens('integrator');
      assert.ok(after.filter((i) => i.kind === 'session').every((i) => i.status === 'revoked'));
      assert.ok(
        after.filter((i) => i.kind === 'token' && i.name !== 'ERP revoke me').every((i) => i.status === 'active'),
      );
      const audit = await t.database.query<{ after: { sessionsEnded?: number } }>(
        "select after from audit_log where action = 'update' and entity_id = 'integrator' order by id desc limit 1",
      );
      assert.equal(audit.rows[0].after.sessionsEnded, liveBefore);

      const roleOnly = await t.call('PATCH', '/api/users/integrator', { body: { role: 'viewer' } });
      assert.equal(roleOnly.json().sessionsEnded, undefined, 'only a password reset ends sessions');
    });

    test('the last active admin cannot be demoted or disabled', async () => {
      const demote = await t.call('PATCH', '/api/users/admin1', { body: { role: 'operator' } });
      assert.equal(demote.statusCode, 409);
      assert.equal(demote.json().error.field, 'role');
      assert.match(demote.json().error.message, /only active admin: make another user an admin first/);
      const disable = await t.call('PATCH', '/api/users/admin1', { body: { active: false } });
      assert.equal(disable.json().error.field, 'active');
      await t.call('PATCH', '/api/users/packer.2', { body: { role: 'admin' } });
      assert.equal(
        (await t.call('PATCH', '/api/users/admin1', { body: { role: 'operator' } })).statusCode,
        200,
        'with a second admin it is allowed',
      );
      // admin1 is an operator now: the other admin puts it back.
      const other = (await signIn('packer.2', 'second-password')).json().token as string;
      const restored = await t.call('PATCH', '/api/users/admin1', {
        as: null,
        headers: { authorization: `Bearer ${other}` },
        body: { role: 'admin' },
      });
      assert.equal(restored.statusCode, 200, restored.body);
    });

    test('operators and viewers cannot list, add or change users', async () => {
      for (const as of ['operator', 'viewer'] as const) {
        assert.equal((await t.call('GET', '/api/users', { as })).statusCode, 403, as);
        assert.equal(
          (
            await t.call('POST', '/api/users', {
              as,
              body: { username: 'sneaky', password: 'long-enough-1', role: 'admin' },
            })
          ).statusCode,
          403,
          as,
        );
        assert.equal((await t.call('PATCH', `/api/users/${as}1`, { as, body: { role: 'admin' } })).statusCode, 403, as);
        assert.equal(
          (await t.call('POST', `/api/users/${as}1/tokens`, { as, body: { name: 'x' } })).statusCode,
          403,
          as,
        );
        assert.equal((await t.call('GET', `/api/users/${as}1/tokens`, { as })).statusCode, 403, as);
        const ownToken = (await listTokens(`${as}1`))[0];
        assert.equal((await t.call('DELETE', `/api/users/${as}1/tokens/${ownToken.id}`, { as })).statusCode, 403, as);
        assert.equal((await t.call('GET', '/api/auth/me', { as })).statusCode, 200, `${as}'s token is not revoked`);
      }
    });
  });
}
