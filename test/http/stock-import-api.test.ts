import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * Stock counts in bulk (CSV) and by feed (snapshots) through the API: every bad line with all its
 * problems, the good lines applied as 'count' movements so on hand equals the count, previews that
 * write nothing, and re-imports and replays that change nothing.
 */
for (const kind of databaseKinds) {
  describe(`stock counts in bulk and by feed (${kind})`, () => {
    let t: TestApp;

    const csv = (body: string, query = '') =>
      t.call('POST', `/api/stock/imports${query}`, { body, headers: { 'content-type': 'text/csv' } });
    const snapshot = (id: string, lines: string, as: 'admin' | 'operator' | 'viewer' = 'operator') =>
      t.call('PUT', `/api/stock/snapshots/${id}`, {
        as,
        body: lines,
        headers: { 'content-type': 'application/x-ndjson' },
      });
    const onHand = async (warehouse: string, sku: string) => {
      const { rows } = await t.database.query<{ on_hand: number }>(
        `select l.on_hand from inventory_levels l join warehouses w on w.id = l.warehouse_id
           join skus s on s.id = l.sku_id where w.code = $1 and s.code = $2`,
        [warehouse, sku],
      );
      return rows[0] ? Number(rows[0].on_hand) : null;
    };
    const ledger = async (sku: string) => {
      const { rows } = await t.database.query<{
        kind: string;
        on_hand_delta: number;
        reference: string;
        reason: string;
      }>(
        `select m.kind, m.on_hand_delta, m.reference, m.reason from inventory_movements m join skus s on s.id = m.sku_id
          where s.code = $1 order by m.id`,
        [sku],
      );
      return rows.map((r) => ({ ...r, on_hand_delta: Number(r.on_hand_delta) }));
    };
    const movementCount = async () =>
      Number((await t.database.query<{ n: string }>('select count(*) as n from inventory_movements')).rows[0].n);

    before(async () => {
      t = await createTestApp(kind);
      for (const code of ['MUM1', 'DEL1']) {
        const made = await t.call('POST', '/api/warehouses', {
          body: { code, name: code, stateCode: code === 'MUM1' ? '27' : '07', pincode: '421302' },
        });
        assert.equal(made.statusCode, 201, made.body);
      }
      const skus = ['code,name,mrp', ...['TEE-S', 'TEE-M', 'TEE-L', 'TEE-XL', 'CAP'].map((c) => `${c},${c},499`)];
      const imported = await t.call('POST', '/api/skus/import', {
        body: `${skus.join('\n')}\n`,
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(imported.statusCode, 200, imported.body);
      const moved = await t.call('POST', '/api/inventory/movements', {
        body: { warehouse: 'MUM1', sku: 'TEE-M', kind: 'inbound', quantity: 30, reason: 'opening receipt' },
      });
      assert.equal(moved.statusCode, 201, moved.body);
    });
    after(() => t.close());

    const file = [
      'warehouse,sku,quantity,reason',
      'MUM1,TEE-S,10,opening stock', // 2: new level
      'mum1,TEE-M,25,', // 3: 30 → 25
      'MUM1,TEE-L,0', // 4: counted 0 where nothing was: unchanged
      'PUN9,NOPE,-3,x', // 5: three problems
      'MUM1,TEE-XL,1.5', // 6: not whole
      'DEL1,CAP,4', // 7: duplicate of line 8
      'DEL1,CAP,5', // 8
      'MUM1,TEE-XL,2,a,b', // 9: too many columns (and a second TEE-XL line: line 6 has no valid count but is a duplicate too)
      ',,', // 10: all missing
    ].join('\n');

    test('preview: every bad line with all its problems, what would change, and nothing written', async () => {
      const before = await movementCount();
      const answer = await csv(file, '?preview=1');
      assert.equal(answer.statusCode, 200, answer.body);
      const body = answer.json();
      assert.equal(body.status, 'preview');
      assert.equal(body.lines, 9);
      assert.equal(body.valid, 3);
      assert.equal(body.failed, 6);
      assert.equal(body.changed, 2);
      assert.equal(body.unchanged, 1);
      assert.deepEqual(
        body.changes.map((c: { sku: string; before: number; counted: number; delta: number }) => [
          c.sku,
          c.before,
          c.counted,
          c.delta,
        ]),
        [
          ['TEE-S', 0, 10, 10],
          ['TEE-M', 30, 25, -5],
        ],
      );
      const byLine = new Map(body.errors.map((e: { line: number; errors: { field: string }[] }) => [e.line, e]));
      assert.deepEqual([...byLine.keys()], [5, 6, 7, 8, 9, 10]);
      const fields = (line: number) => (byLine.get(line) as { errors: { field: string }[] }).errors.map((e) => e.field);
      assert.deepEqual(fields(5), ['quantity', 'warehouse', 'sku']);
      assert.deepEqual(fields(6), ['quantity', 'line']);
      assert.deepEqual(fields(7), ['line']);
      assert.deepEqual(fields(9), ['line', 'line']);
      assert.deepEqual(fields(10), ['warehouse', 'sku', 'quantity']);
      const messages = JSON.stringify(body.errors);
      assert.match(messages, /warehouse PUN9 is not known/);
      assert.match(messages, /SKU NOPE is not known/);
      assert.match(messages, /quantity \\"-3\\" is not a whole number/);
      assert.match(messages, /DEL1 CAP is also counted on line 8/);
      assert.match(messages, /too many columns/);
      assert.match(body.message, /^Preview: nothing written\./);
      assert.equal(await movementCount(), before, 'a preview writes no movement');
      assert.equal(await onHand('MUM1', 'TEE-S'), null, 'nor any level');
      assert.equal(await onHand('MUM1', 'TEE-M'), 30);
    });

    test('apply: the good lines land as count movements, on hand equals the counts; a re-import changes nothing', async () => {
      const answer = await csv(file, '?reference=CC-2026-12-03');
      assert.equal(answer.statusCode, 200, answer.body);
      const body = answer.json();
      assert.equal(body.status, 'applied');
      assert.equal(body.reference, 'CC-2026-12-03');
      assert.equal(body.failed, 6);
      assert.equal(body.changed, 2);
      assert.equal(await onHand('MUM1', 'TEE-S'), 10);
      assert.equal(await onHand('MUM1', 'TEE-M'), 25);
      assert.equal(await onHand('MUM1', 'TEE-L'), 0);
      assert.equal(await onHand('DEL1', 'CAP'), null, 'duplicated lines are not applied');
      assert.deepEqual(await ledger('TEE-M'), [
        { kind: 'inbound', on_hand_delta: 30, reference: null, reason: 'opening receipt' },
        { kind: 'count', on_hand_delta: -5, reference: 'count:CC-2026-12-03', reason: 'Stock count' },
      ]);
      assert.deepEqual(await ledger('TEE-S'), [
        { kind: 'count', on_hand_delta: 10, reference: 'count:CC-2026-12-03', reason: 'opening stock' },
      ]);
      // The level's ledger in the API shows the count movement.
      const detail = await t.call('GET', '/api/inventory/levels/MUM1/TEE-M');
      assert.equal(detail.json().ledger[0].kind, 'count');

      const movements = await movementCount();
      const again = await csv(file, '?reference=CC-2026-12-03');
      assert.equal(again.statusCode, 200, again.body);
      const replay = again.json();
      assert.equal(replay.status, 'replayed');
      assert.match(replay.message, /already applied on .*: nothing changed now/);
      assert.equal(replay.changed, 2, 'the original result is answered');
      assert.equal(replay.appliedAt, body.appliedAt);
      assert.equal(await movementCount(), movements);

      const other = await csv(`${file}\nMUM1,CAP,1`, '?reference=CC-2026-12-03');
      assert.equal(other.statusCode, 409, other.body);
      assert.match(
        other.json().error.message,
        /already applied .* with other content; nothing was changed\. Give this file a new reference/,
      );
      assert.equal(await movementCount(), movements);
    });

    test('without a reference a file is known by its content: the same file again changes nothing', async () => {
      const counts = 'warehouse,sku,quantity\nDEL1,TEE-S,7\n';
      const first = (await csv(counts)).json();
      assert.equal(first.status, 'applied');
      assert.match(first.reference, /^sha256-[0-9a-f]{32}$/);
      // Stock moves on; the same count file sent again must not put it back.
      await t.call('POST', '/api/inventory/movements', {
        body: { warehouse: 'DEL1', sku: 'TEE-S', kind: 'adjust', quantity: -2, reason: 'picked' },
      });
      const second = (await csv(counts)).json();
      assert.equal(second.status, 'replayed');
      assert.equal(second.reference, first.reference);
      assert.equal(await onHand('DEL1', 'TEE-S'), 5);
    });

    test('refusals of the whole file: wrong content type, missing header column, unknown column, broken quote', async () => {
      const wrongType = await t.call('POST', '/api/stock/imports', {
        body: '{"warehouse":"MUM1"}',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(wrongType.statusCode, 400);
      assert.match(wrongType.json().error.message, /text\/csv/);
      const noHeader = await csv('MUM1,TEE-S,3\n');
      assert.equal(noHeader.statusCode, 400);
      assert.match(noHeader.json().error.message, /header lacks warehouse, sku, quantity/);
      const unknown = await csv('warehouse,sku,quantity,bin\nMUM1,TEE-S,3,A1\n');
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.json().error.message, /unknown columns bin/);
      const broken = await csv('warehouse,sku,quantity\nMUM1,"TEE-S,3\n');
      assert.equal(broken.statusCode, 400);
      assert.match(broken.json().error.message, /cannot be read at line 2/);
      const viewer = await t.call('POST', '/api/stock/imports', {
        as: 'viewer',
        body: 'warehouse,sku,quantity\n',
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(viewer.statusCode, 403);
    });

    test('snapshot feed: JSON lines applied once; a replay answers the original result and changes nothing', async () => {
      const lines = [
        JSON.stringify({ warehouse: 'MUM1', sku: 'TEE-XL', quantity: 12 }),
        JSON.stringify({ warehouse: 'MUM1', sku: 'TEE-S', quantity: 8, reason: 'WMS cycle count' }),
        '{not json',
        JSON.stringify({ warehouse: 'MUM1', sku: 'CAP', quantity: 'many', bin: 'A1' }),
        '',
      ].join('\n');
      const first = await snapshot('WMS-000123', lines);
      assert.equal(first.statusCode, 200, first.body);
      const body = first.json();
      assert.equal(body.source, 'snapshot');
      assert.equal(body.status, 'applied');
      assert.equal(body.lines, 4);
      assert.equal(body.valid, 2);
      assert.deepEqual(
        body.errors.map((e: { line: number; errors: { field: string }[] }) => [e.line, e.errors.map((p) => p.field)]),
        [
          [3, ['line']],
          [4, ['line', 'quantity']],
        ],
      );
      assert.equal(await onHand('MUM1', 'TEE-XL'), 12);
      assert.equal(await onHand('MUM1', 'TEE-S'), 8);
      assert.equal((await ledger('TEE-XL')).at(-1)?.reference, 'snapshot:WMS-000123');
      assert.equal((await ledger('TEE-XL')).at(-1)?.reason, 'Stock snapshot WMS-000123');

      const movements = await movementCount();
      const replay = await snapshot('WMS-000123', lines, 'admin');
      assert.equal(replay.statusCode, 200, replay.body);
      assert.equal(replay.json().status, 'replayed');
      assert.equal(replay.json().changed, body.changed);
      assert.deepEqual(replay.json().errors, body.errors);
      assert.equal(await movementCount(), movements);

      const changed = await snapshot('WMS-000123', JSON.stringify({ warehouse: 'MUM1', sku: 'TEE-XL', quantity: 1 }));
      assert.equal(changed.statusCode, 409);
      assert.match(changed.json().error.message, /Send this snapshot under a new id/);
      assert.equal(await onHand('MUM1', 'TEE-XL'), 12);

      const wrongType = await t.call('PUT', '/api/stock/snapshots/WMS-9', {
        body: { warehouse: 'MUM1' },
      });
      assert.equal(wrongType.statusCode, 400);
      assert.match(wrongType.json().error.message, /application\/x-ndjson/);
      assert.equal((await snapshot('WMS-9', '{}', 'viewer')).statusCode, 403);
    });
  });
}
