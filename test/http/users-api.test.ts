import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';

/**
 * Users through the API, as the console's Users screen drives it: add with field errors, change a
 * role, reset a password (the old one stops working), disable and enable, issue a token that works —
 * and the last active admin cannot lock everyone out. Only an admin may do any of it.
 */
for (const kind of databaseKinds) {
  describe(`users API (${kind})`, () => {
    let t: TestApp;
    before(async () => { t = await createTestApp(kind); });
    after(async () => t?.close());

    const signIn = (username: string, password: string) => t.call('POST', '/api/auth/token', { as: null, body: { username, password } });

    test('adding a user refuses bad input naming the field', async () => {
      const short = await t.call('POST', '/api/users', { body: { username: 'ab', password: 'short', role: 'operator' } });
      assert.equal(short.statusCode, 400);
      const fields = Object.fromEntries(short.json().error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
      assert.match(fields.username, /3 to 64 letters/);
      assert.match(fields.password, /at least 10 characters/);
      const taken = await t.call('POST', '/api/users', { body: { username: 'operator1', password: 'long-enough-1', role: 'operator' } });
      assert.equal(taken.statusCode, 409);
      assert.equal(taken.json().error.field, 'username');
      const added = await t.call('POST', '/api/users', { body: { username: 'packer.2', password: 'first-password', role: 'viewer' } });
      assert.equal(added.statusCode, 201, added.body);
      const listed = (await t.call('GET', '/api/users')).json().items.find((u: { username: string }) => u.username === 'packer.2');
      assert.deepEqual([listed.role, listed.active, typeof listed.createdAt, listed.lastSeenAt], ['viewer', true, 'string', null]);
    });

    test('role change, password reset (old password refused, new accepted), disable and enable', async () => {
      const role = await t.call('PATCH', '/api/users/packer.2', { body: { role: 'operator' } });
      assert.equal(role.statusCode, 200, role.body);
      assert.equal(role.json().role, 'operator');

      const weak = await t.call('PATCH', '/api/users/packer.2', { body: { password: 'short' } });
      assert.equal(weak.statusCode, 400);
      assert.equal(weak.json().error.field, 'password');
      assert.match(weak.json().error.message, /at least 10 characters/);
      assert.equal((await t.call('PATCH', '/api/users/packer.2', { body: { password: 'second-password' } })).statusCode, 200);
      assert.equal((await signIn('packer.2', 'first-password')).statusCode, 401);
      const signedIn = await signIn('packer.2', 'second-password');
      assert.equal(signedIn.statusCode, 201);
      assert.equal(signedIn.json().user.role, 'operator');

      const token = signedIn.json().token as string;
      assert.equal((await t.call('PATCH', '/api/users/packer.2', { body: { active: false } })).json().active, false);
      assert.equal((await t.call('GET', '/api/auth/me', { as: null, headers: { authorization: `Bearer ${token}` } })).statusCode, 401, 'a disabled user\'s token stops working');
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
      const tooLong = await t.call('POST', '/api/users/packer.2/tokens', { body: { name: 'erp', ttlSeconds: 400 * 86400 } });
      assert.equal(tooLong.json().error.field, 'ttlSeconds');
      const issued = await t.call('POST', '/api/users/packer.2/tokens', { body: { name: 'ERP sync', ttlSeconds: 30 * 86400 } });
      assert.equal(issued.statusCode, 201, issued.body);
      const { token, expiresAt, name } = issued.json();
      assert.equal(name, 'ERP sync');
      const days = (new Date(expiresAt).getTime() - Date.now()) / 86400_000;
      assert.ok(days > 29.9 && days <= 30, `expires in 30 days, not ${days}`);
      const me = await t.call('GET', '/api/auth/me', { as: null, headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.json().username, 'packer.2');
      const audit = await t.database.query<{ action: string }>("select action from audit_log where entity = 'user' and entity_id = 'packer.2' order by id");
      assert.ok(audit.rows.some((r) => r.action === 'issue_token'));
      assert.equal((await t.call('POST', '/api/users/nobody/tokens', { body: { name: 'x' } })).statusCode, 404);
    });

    test('the last active admin cannot be demoted or disabled', async () => {
      const demote = await t.call('PATCH', '/api/users/admin1', { body: { role: 'operator' } });
      assert.equal(demote.statusCode, 409);
      assert.equal(demote.json().error.field, 'role');
      assert.match(demote.json().error.message, /only active admin: make another user an admin first/);
      const disable = await t.call('PATCH', '/api/users/admin1', { body: { active: false } });
      assert.equal(disable.json().error.field, 'active');
      await t.call('PATCH', '/api/users/packer.2', { body: { role: 'admin' } });
      assert.equal((await t.call('PATCH', '/api/users/admin1', { body: { role: 'operator' } })).statusCode, 200, 'with a second admin it is allowed');
      // admin1 is an operator now: the other admin puts it back.
      const other = (await signIn('packer.2', 'second-password')).json().token as string;
      const restored = await t.call('PATCH', '/api/users/admin1', { as: null, headers: { authorization: `Bearer ${other}` }, body: { role: 'admin' } });
      assert.equal(restored.statusCode, 200, restored.body);
    });

    test('operators and viewers cannot list, add or change users', async () => {
      for (const as of ['operator', 'viewer'] as const) {
        assert.equal((await t.call('GET', '/api/users', { as })).statusCode, 403, as);
        assert.equal((await t.call('POST', '/api/users', { as, body: { username: 'sneaky', password: 'long-enough-1', role: 'admin' } })).statusCode, 403, as);
        assert.equal((await t.call('PATCH', `/api/users/${as}1`, { as, body: { role: 'admin' } })).statusCode, 403, as);
        assert.equal((await t.call('POST', `/api/users/${as}1/tokens`, { as, body: { name: 'x' } })).statusCode, 403, as);
      }
    });
  });
}
