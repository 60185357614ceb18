import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { startAjioSandbox, type StartedSandbox } from '../../src/sandbox/ajio/testing.ts';

for (const kind of databaseKinds) {
  describe(`AJIO JIT channel setup (${kind})`, () => {
    let t: TestApp;
    let sandbox: StartedSandbox;
    const channel = () => ({
      type: 'ajio-jit',
      name: 'AJIO JIT Bhiwandi',
      warehouse: 'MUM1',
      settings: {
        orderSyncFrom: '2026-11-01',
        returnSyncFrom: '2026-11-01',
        baseUrl: sandbox.url,
        inventory: { mode: 'scheduled', intervalMinutes: 30 },
        reconciliation: { enabled: true, dailyAt: '02:30' },
      },
      interface: { username: 'DVMUM01', password: 'api-secret', isB2B: 'Yes' },
    });

    before(async () => {
      t = await createTestApp(kind);
      sandbox = await startAjioSandbox({ sellers: [{ username: 'DVMUM01', password: 'api-secret' }] });
      await t.call('POST', '/api/warehouses', {
        body: { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302', gstin: '27AAACR5055K1Z7' },
      });
    });
    after(async () => {
      await sandbox.close();
      await t.close();
    });

    test('saving a channel returns its code; passwords never come back', async () => {
      const response = await t.call('POST', '/api/channels', { body: channel() });
      assert.equal(response.statusCode, 201, response.body);
      const saved = response.json();
      assert.match(saved.code, /^AJIO\d{4}$/);
      assert.equal(saved.warehouse, 'MUM1');
      assert.deepEqual(saved.interface, {
        username: 'DVMUM01',
        isB2B: true,
        einvoicing: { enabled: false, username: null, passwordSet: false, clientSecretSet: false },
        passwordSet: true,
      });
      assert.ok(!response.body.includes('api-secret'));
      assert.equal(saved.settings.skuSync.createMode, 'moderate');
      assert.equal(saved.settings.orders.orderSync, true);
      assert.equal(saved.settings.reconciliation.dailyAt, '02:30');
      const list = (await t.call('GET', '/api/channels', { as: 'viewer' })).json();
      assert.deepEqual(
        list.items.map((c: { code: string }) => c.code),
        [saved.code],
      );
    });

    test('Is B2B must be Yes, and e-invoicing credentials are required only when it is on', async () => {
      const notB2B = await t.call('POST', '/api/channels', {
        body: { ...channel(), interface: { ...channel().interface, isB2B: 'No' } },
      });
      assert.equal(notB2B.statusCode, 400);
      assert.equal(notB2B.json().error.message, 'interface.isB2B: Is B2B must be Yes: AJIO JIT is a B2B marketplace.');
      const noEinvUser = await t.call('POST', '/api/channels', {
        body: { ...channel(), interface: { ...channel().interface, einvoicing: { enabled: true } } },
      });
      assert.equal(noEinvUser.json().error.field, 'interface.einvoicing.username');
      const strayEinv = await t.call('POST', '/api/channels', {
        body: { ...channel(), interface: { ...channel().interface, einvoicing: { enabled: false, username: 'x' } } },
      });
      assert.equal(
        strayEinv.json().error.message,
        'interface.einvoicing.username: E-invoicing is off: leave its username and password blank.',
      );
      const badUser = await t.call('POST', '/api/channels', {
        body: { ...channel(), interface: { ...channel().interface, username: 'seller1' } },
      });
      assert.match(badUser.json().error.message, /POB id: letters and digits starting with DV/);
      const push = await t.call('POST', '/api/channels', {
        body: { ...channel(), settings: { ...channel().settings, skuSync: { mode: 'push' } } },
      });
      assert.match(push.json().error.message, /SKU sync can only pull/);
      const operator = await t.call('POST', '/api/channels', { as: 'operator', body: channel() });
      assert.equal(operator.statusCode, 403);
    });

    test('maintenance settings change in place; passwords left out are kept; test connection logs in at AJIO', async () => {
      const code = (await t.call('GET', '/api/channels')).json().items[0].code;
      const changed = await t.call('PATCH', `/api/channels/${code}`, {
        body: { settings: { orders: { prepack: true, readyToShipAt: 'manifest' } }, interface: { isB2B: true } },
      });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json().settings.orders.prepack, true);
      assert.equal(changed.json().settings.orders.orderSync, true, 'other settings are untouched');
      const sessionInList = async () =>
        (await t.call('GET', '/api/channels', { as: 'viewer' })).json().items[0].sessionValidUntil;
      assert.equal(await sessionInList(), null, 'never logged in');
      const ok = await t.call('POST', `/api/channels/${code}/test-connection`, { as: 'operator' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.ok(Date.parse(ok.json().tokenValidUntil) > Date.now() + 25 * 60 * 1000);
      assert.equal(
        Date.parse(await sessionInList()),
        Date.parse(ok.json().tokenValidUntil),
        "Manage Channels shows the token's validity",
      );

      await t.call('PATCH', `/api/channels/${code}`, { body: { interface: { password: 'wrong' } } });
      const refused = await t.call('POST', `/api/channels/${code}/test-connection`);
      assert.equal(refused.statusCode, 422, 'a refused login is not an outage');
      assert.equal(refused.json().error.code, 'login_refused');
      assert.match(
        refused.json().error.message,
        /AJIO refused the channel's username or password \(INVALID_CREDENTIALS\)/,
      );
      const bad = await t.call('PATCH', `/api/channels/${code}`, {
        body: { settings: { orders: { readyToShipAt: 'never' } } },
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.field, 'settings.orders.readyToShipAt');
    });
  });
}
