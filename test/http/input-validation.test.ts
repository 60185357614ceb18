import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { appErrorFromDatabase, databaseErrorOf } from '../../src/http/database-errors.ts';

/** A 4xx in the one error shape, naming `field` when given. */
function assertRefused(response: LightMyRequestResponse, status: number, field?: string) {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json();
  assert.equal(typeof body.error?.code, 'string', response.body);
  assert.equal(typeof body.error?.message, 'string', response.body);
  if (field !== undefined) assert.equal(body.error.field, field, response.body);
  return body.error as { code: string; message: string; field?: string };
}

for (const kind of databaseKinds) {
  describe(`input validation (${kind})`, () => {
    let t: TestApp;

    before(async () => {
      t = await createTestApp(kind);
      // A route with no schema at all: the global check must still keep NUL and lone surrogates out.
      t.app.post('/api/test-only/no-schema', { config: { role: 'admin' } }, async () => ({ reached: true }));
      await t.call('POST', '/api/warehouses', {
        body: { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302' },
      });
      await t.call('POST', '/api/skus', { body: { code: 'SKU-1', name: 'Kurta', mrpPaise: 129_900 } });
    });
    after(() => t.close());

    test('the failing examples of issue 10 are 400s naming the field', async () => {
      assertRefused(
        await t.call('POST', '/api/auth/token', { as: null, body: { username: 'a\u0000b', password: 'x' } }),
        400,
        'username',
      );
      assertRefused(await t.call('GET', '/api/skus/a%00b'), 400, 'code');
      assertRefused(await t.call('GET', '/api/skus?q=%00'), 400, 'q');
      assertRefused(
        await t.call('POST', '/api/users/admin1/tokens', { body: { name: 'ERP \uD800 sync' } }),
        400,
        'name',
      );
      const movement = { warehouse: 'MUM1', sku: 'SKU-1', kind: 'inbound', reason: 'opening stock' };
      assertRefused(
        await t.call('POST', '/api/inventory/movements', { body: { ...movement, quantity: 2147483648 } }),
        400,
        'quantity',
      );
      assertRefused(
        await t.call('POST', '/api/inventory/movements', { body: { ...movement, quantity: -2147483649 } }),
        400,
        'quantity',
      );
      assertRefused(await t.call('DELETE', '/api/users/admin1/tokens/2147483648'), 400, 'id');
      assertRefused(await t.call('DELETE', '/api/users/admin1/tokens/9223372036854775808'), 400, 'id');
    });

    test('numbers past their columns are 400s: buffers, box weights, bigserial ids, query cursors', async () => {
      assertRefused(
        await t.call('PATCH', '/api/channels/NONE/listings/X', { body: { buffer: 2 ** 31 } }),
        400,
        'buffer',
      );
      assertRefused(
        await t.call('POST', '/api/orders/1/pack/close-box', { body: { weightGrams: 2 ** 31 } }),
        400,
        'weightGrams',
      );
      assertRefused(await t.call('GET', '/api/orders/9007199254740992'), 400, 'id');
      assertRefused(await t.call('GET', '/api/returns?before=99999999999999999999'), 400, 'before');
      assertRefused(await t.call('GET', '/api/skus?limit=1e3'), 400, 'limit');
      assertRefused(
        await t.call('POST', '/api/skus', { body: { code: 'SKU-9', name: 'x', mrpPaise: 1.5 } }),
        400,
        'mrpPaise',
      );
    });

    test('dates outside the years Weft handles are 400s, not database errors (found by the fuzz test: year 0000)', async () => {
      assertRefused(
        await t.call('POST', '/api/picklists', { body: { warehouse: 'MUM1', poDateFrom: '0000-02-29' } }),
        400,
        'poDateFrom',
      );
      assertRefused(await t.call('GET', '/api/orders?from=0000-01-01'), 400, 'from');
      assertRefused(await t.call('GET', '/api/orders?to=%2B275760-09-13'), 400, 'to');
      assert.equal((await t.call('GET', '/api/orders?from=2026-01-01')).statusCode, 200);
    });

    test('a warehouse state code must be one of the GST table (found by the fuzz test: 57 stopped invoicing with a 500)', async () => {
      assertRefused(await t.call('PATCH', '/api/warehouses/MUM1', { body: { stateCode: '57' } }), 400, 'stateCode');
      assert.equal((await t.call('PATCH', '/api/warehouses/MUM1', { body: { stateCode: '27' } })).statusCode, 200);
    });

    test('a route that forgets its schema still refuses NUL and lone surrogates, naming where they are', async () => {
      const reached = await t.call('POST', '/api/test-only/no-schema', { body: { a: { b: ['ok'] } } });
      assert.deepEqual(reached.json(), { reached: true });
      assertRefused(
        await t.call('POST', '/api/test-only/no-schema', { body: { a: { b: ['ok', 'x\u0000'] } } }),
        400,
        'a.b.1',
      );
      assertRefused(await t.call('POST', '/api/test-only/no-schema', { body: { a: { '\uDC00': 1 } } }), 400);
      assertRefused(await t.call('POST', '/api/test-only/no-schema?x=%00'), 400, 'x');
      // A body nested far deeper than any stack is walked without overflowing it.
      const deep = `${'['.repeat(50_000)}"\\u0000"${']'.repeat(50_000)}`;
      assertRefused(
        await t.call('POST', '/api/test-only/no-schema', {
          body: deep,
          headers: { 'content-type': 'application/json' },
        }),
        400,
      );
    });

    test("Fastify's own errors come out in the API's error shape", async () => {
      const badEscape = assertRefused(await t.call('GET', '/api/skus/%E0%A4%A'), 400);
      assert.match(badEscape.message, /percent-escape/);
      assertRefused(await t.call('GET', `/api/skus/${'A'.repeat(300)}`), 400, 'code');
      assertRefused(await t.call('GET', `/api/skus/${'A'.repeat(1_001)}`), 414);
      const json = { 'content-type': 'application/json' };
      assert.match(
        assertRefused(await t.call('POST', '/api/skus', { body: '{"code":', headers: json }), 400).message,
        /not valid JSON/,
      );
      assert.match(assertRefused(await t.call('POST', '/api/skus', { body: '', headers: json }), 400).message, /empty/);
      assertRefused(
        await t.call('POST', '/api/skus', {
          body: 'code=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
      );
      assertRefused(await t.call('POST', '/api/skus', { body: '{"__proto__":{"admin":true}}', headers: json }), 400);
    });

    test('unknown fields are ignored: dropped before the handler, never stored', async () => {
      const created = await t.call('POST', '/api/warehouses', {
        body: { code: 'DEL1', name: 'Delhi', stateCode: '07', pincode: '110001', role: 'admin', id: 99 },
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().role, undefined);
      assert.notEqual(created.json().id, 99);
    });

    test('database errors caused by input map to 400/409 naming the column, for this driver', async () => {
      const db = t.database.db;
      // A table of its own (not temporary: a pool may run the next statement on another connection).
      await db.execute(sql`create table input_check (v varchar(2))`);
      const cases: [string, ReturnType<typeof sql>, number][] = [
        ['22003', sql`select 2147483648::int4`, 400],
        ['22P02', sql`select 'abc'::int4`, 400],
        ['22P05', sql`select '"\\u0000"'::jsonb`, 400],
        ['22021', sql`select convert_from('\\x00'::bytea, 'UTF8')`, 400],
        ['22001', sql`insert into input_check (v) values ('abcd')`, 400],
        [
          '23505',
          sql`insert into warehouses (code, name, state_code, pincode) values ('MUM1', 'again', '27', '421302')`,
          409,
        ],
      ];
      for (const [code, query, status] of cases) {
        const error = await db.execute(query).then(
          () => null,
          (e: unknown) => e,
        );
        const found = databaseErrorOf(error);
        assert.ok(found, `${code}: ${String(error)}`);
        assert.equal(found.code, code);
        assert.equal(appErrorFromDatabase(found)?.status, status, code);
      }
      const duplicate = await db
        .execute(sql`insert into warehouses (code, name, state_code, pincode) values ('MUM1', 'again', '27', '421302')`)
        .catch((e: unknown) => e);
      assert.equal(appErrorFromDatabase(databaseErrorOf(duplicate)!)?.field, 'code');
      assert.equal(databaseErrorOf(new Error('not from the database')), null);
    });
  });
}
