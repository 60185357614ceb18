import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

for (const kind of databaseKinds) {
  describe(`HTTP API (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(kind);
    });
    after(() => t.close());

    test('/health answers with the database kind, schema version and queue state, without auth', async () => {
      const response = await t.call('GET', '/health', { as: null });
      assert.equal(response.statusCode, 200);
      const body = response.json();
      assert.equal(body.status, 'ok');
      assert.equal(body.database.kind, kind);
      assert.equal(body.database.schemaVersion, body.database.latestSchemaVersion);
      assert.ok(body.queue.queues.some((q: { name: string }) => q.name === 'system.heartbeat'));
    });

    test('the OpenAPI document lists the routes', async () => {
      const response = await t.call('GET', '/api/docs/json', { as: null });
      assert.equal(response.statusCode, 200);
      const paths = Object.keys(response.json().paths);
      for (const path of [
        '/api/skus',
        '/api/skus/import',
        '/api/warehouses',
        '/api/inventory/movements',
        '/api/auth/token',
      ]) {
        assert.ok(paths.includes(path), `${path} is documented`);
      }
      const page = await t.call('GET', '/api/docs/', { as: null });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /swagger/i);
    });

    test('every /api route but the token one needs a token; a bad password is refused plainly', async () => {
      const anonymous = await t.call('GET', '/api/skus', { as: null });
      assert.equal(anonymous.statusCode, 401);
      assert.match(anonymous.json().error.message, /Authorization: Bearer/);
      const wrong = await t.call('POST', '/api/auth/token', {
        as: null,
        body: { username: 'admin1', password: 'nope' },
      });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json().error.message, 'The username or password is wrong.');
      const issued = await t.call('POST', '/api/auth/token', {
        as: null,
        body: { username: 'operator1', password: 'operator-password-1' },
      });
      assert.equal(issued.statusCode, 201);
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${issued.json().token}` },
      });
      assert.equal(me.json().username, 'operator1');
      const bogus = await t.app.inject({
        method: 'GET',
        url: '/api/skus',
        headers: { authorization: 'Bearer weft_nope' },
      });
      assert.equal(bogus.statusCode, 401);
    });

    test('the console signs in with an HttpOnly SameSite cookie, and signing out ends the session', async () => {
      const signIn = await t.call('POST', '/api/auth/session', {
        as: null,
        body: { username: 'viewer1', password: 'viewer-password-1' },
      });
      assert.equal(signIn.statusCode, 200);
      const cookie = String(signIn.headers['set-cookie']);
      assert.match(cookie, /^weft_session=weft_[^;]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
      assert.ok(!signIn.body.includes('weft_'), 'the token is not in the body');
      const session = cookie.split(';')[0];
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } });
      assert.equal(me.json().username, 'viewer1');
      // As the console's own fetch sends it: a browser marks a same-origin request so (see test/http/csrf.test.ts).
      const sameOrigin = { cookie: session, 'sec-fetch-site': 'same-origin' };
      const change = await t.app.inject({
        method: 'POST',
        url: '/api/skus',
        headers: sameOrigin,
        payload: { code: 'X', name: 'X', mrpPaise: 1 },
      });
      assert.equal(change.statusCode, 403, 'a viewer signed in to the console still cannot change anything');
      assert.equal(change.json().error.code, 'forbidden');
      const out = await t.app.inject({ method: 'DELETE', url: '/api/auth/session', headers: sameOrigin });
      assert.equal(out.statusCode, 204);
      assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode,
        401,
      );
    });

    test('roles: a viewer reads but cannot change; only an admin adds warehouses and users', async () => {
      const warehouse = {
        code: 'MUM1',
        name: 'Bhiwandi',
        gstin: '27AAACR5055K1Z7',
        stateCode: '27',
        pincode: '421302',
        address: 'Plot 4',
      };
      const byOperator = await t.call('POST', '/api/warehouses', { as: 'operator', body: warehouse });
      assert.equal(byOperator.statusCode, 403);
      assert.match(byOperator.json().error.message, /needs the admin role; operator1 is an? operator/);
      assert.equal((await t.call('POST', '/api/warehouses', { body: warehouse })).statusCode, 201);
      const byViewer = await t.call('POST', '/api/skus', { as: 'viewer', body: { code: 'X', name: 'X', mrpPaise: 1 } });
      assert.equal(byViewer.statusCode, 403);
      assert.equal((await t.call('GET', '/api/warehouses', { as: 'viewer' })).json().items[0].code, 'MUM1');
      const user = await t.call('POST', '/api/users', {
        body: { username: 'packer1', password: 'packer-password', role: 'operator' },
      });
      assert.equal(user.statusCode, 201);
      assert.equal(user.json().passwordHash, undefined, 'no hash leaves the server');
      assert.equal((await t.call('GET', '/api/users', { as: 'operator' })).statusCode, 403);
    });

    test('bad input gets one error shape naming the field', async () => {
      const response = await t.call('POST', '/api/warehouses', {
        body: { code: 'BAD', name: 'x', gstin: '29AAACR5055K1Z7', stateCode: '27', pincode: '012345' },
      });
      assert.equal(response.statusCode, 400);
      const { error } = response.json();
      assert.equal(error.code, 'invalid');
      assert.equal(error.field, 'pincode');
      assert.equal(error.message, 'pincode: A PIN code is six digits and does not start with 0.');
      const duplicate = await t.call('POST', '/api/warehouses', {
        body: { code: 'MUM1', name: 'x', stateCode: '27', pincode: '400001' },
      });
      assert.equal(duplicate.statusCode, 409);
      assert.equal(duplicate.json().error.message, 'A warehouse with code MUM1 already exists.');
      const missing = await t.call('GET', '/api/skus/NOPE');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.message, 'There is no SKU with code NOPE.');
    });

    test('SKUs: create, change, search and page', async () => {
      const created = await t.call('POST', '/api/skus', {
        as: 'operator',
        body: { code: 'KURTA-S', ean: '8901234500011', name: 'Kurta S', hsn: '6211', mrpPaise: 149900 },
      });
      assert.equal(created.statusCode, 201);
      const changed = await t.call('PATCH', '/api/skus/KURTA-S', { as: 'operator', body: { mrpPaise: 159900 } });
      assert.equal(changed.json().mrpPaise, 159900);
      await t.call('POST', '/api/skus', {
        as: 'operator',
        body: { code: 'KURTA-M', name: 'Kurta M', mrpPaise: 149900 },
      });
      const page = (await t.call('GET', '/api/skus?q=kurta&limit=1')).json();
      assert.deepEqual(
        page.items.map((s: { code: string }) => s.code),
        ['KURTA-M'],
      );
      const next = (await t.call('GET', `/api/skus?q=kurta&limit=1&after=${page.next}`)).json();
      assert.deepEqual(
        next.items.map((s: { code: string }) => s.code),
        ['KURTA-S'],
      );
      const byEan = (await t.call('GET', '/api/skus?q=8901234500011')).json();
      assert.equal(byEan.items[0].code, 'KURTA-S');
    });

    test('SKU master import from a CSV body reports bad lines and lands the rest', async () => {
      const csv = 'code,name,mrp,ean\nIMP-1,Imported one,499,\nIMP-2,,499,\nIMP-3,Imported three,abc,\n';
      const response = await t.call('POST', '/api/skus/import', {
        as: 'operator',
        body: csv,
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(response.statusCode, 200);
      const result = response.json();
      assert.equal(result.inserted, 1);
      assert.deepEqual(
        result.errors.map((e: { line: number }) => e.line),
        [3, 4],
      );
      assert.equal((await t.call('GET', '/api/skus/IMP-1')).json().mrpPaise, 49900);
      const json = await t.call('POST', '/api/skus/import', { as: 'operator', body: { a: 1 } });
      assert.equal(json.statusCode, 400);
      assert.match(json.json().error.message, /Content-Type: text\/csv/);
    });

    test('inventory: adjustments with a reason move levels; the ledger explains them', async () => {
      const inbound = await t.call('POST', '/api/inventory/movements', {
        as: 'operator',
        body: {
          warehouse: 'MUM1',
          sku: 'KURTA-S',
          kind: 'inbound',
          quantity: 12,
          reason: 'GRN 88',
          reference: 'GRN-88',
        },
      });
      assert.equal(inbound.statusCode, 201);
      assert.equal(inbound.json().onHand, 12);
      const noReason = await t.call('POST', '/api/inventory/movements', {
        as: 'operator',
        body: { warehouse: 'MUM1', sku: 'KURTA-S', kind: 'adjust', quantity: -1, reason: '' },
      });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json().error.field, 'reason');
      await t.call('POST', '/api/inventory/movements', {
        as: 'operator',
        body: { warehouse: 'MUM1', sku: 'KURTA-S', kind: 'damage', quantity: 2, reason: 'stain found at QC' },
      });
      const levels = (await t.call('GET', '/api/inventory/levels?warehouse=MUM1', { as: 'viewer' })).json();
      assert.deepEqual(levels.items, [
        {
          warehouse: 'MUM1',
          sku: 'KURTA-S',
          skuName: 'Kurta S',
          onHand: 10,
          damaged: 2,
          allocated: 0,
          reserved: 0,
          available: 10,
        },
      ]);
      const detail = (await t.call('GET', '/api/inventory/levels/MUM1/KURTA-S', { as: 'viewer' })).json();
      assert.deepEqual(
        detail.ledger.map((m: { kind: string; actor: string }) => [m.kind, m.actor]),
        [
          ['damage', 'operator1'],
          ['inbound', 'operator1'],
        ],
      );
    });
  });
}
