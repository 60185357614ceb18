import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';

/**
 * What the console's manifest screens ask of the API: the shipments a new manifest would take (paged,
 * with their total, by channel and warehouse), and the create form's mistakes named by field.
 */
for (const kind of databaseKinds) {
  describe(`manifests API for the console (${kind})`, () => {
    let f: DispatchFixture;
    before(async () => {
      f = await createDispatchFixture(kind, { styles: 1 });
    });
    after(async () => f.close());

    const ready = async (query: string) => {
      const res = await f.t.call('GET', `/api/manifests/ready?${query}`, { as: 'viewer' });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };

    test('ready shipments: paged with their total, and gone once on a manifest', async () => {
      const pos = await f.readyAtAjio(3);
      const first = await ready(`channel=${f.code}&warehouse=mum1&limit=2`);
      assert.equal(first.total, 3);
      assert.deepEqual(
        first.items.map((i: { poNumber: string }) => i.poNumber),
        pos.slice(0, 2).map((p) => p.poNumber),
      );
      const item = first.items[0];
      assert.equal(item.invoiceNumber, pos[0].invoiceNumber);
      assert.equal(item.masterAwb, pos[0].masterAwb);
      assert.equal(item.boxes, 1);
      assert.equal(item.weightGrams, 450);
      assert.equal(item.refusedBefore, null);
      const second = await ready(`channel=${f.code}&limit=2&after=${first.next}`);
      assert.deepEqual(
        second.items.map((i: { poNumber: string }) => i.poNumber),
        [pos[2].poNumber],
      );
      assert.equal(second.next, null);
      assert.equal((await ready('warehouse=NOWHERE')).total, 0);

      const made = await f.t.call('POST', '/api/manifests', {
        as: 'operator',
        body: { channel: f.code, warehouse: 'MUM1' },
      });
      assert.equal(made.statusCode, 201, made.body);
      assert.equal((await ready(`channel=${f.code}`)).total, 0, 'on a live manifest, no longer ready for another');
    });

    test('a PO AJIO refused is ready again, with the refusal it had', async () => {
      const [po] = await f.readyAtAjio(1);
      f.sandboxPo(po.poNumber).status = 'PACKED';
      const code = (
        await f.t.call('POST', '/api/manifests', { as: 'operator', body: { channel: f.code, warehouse: 'MUM1' } })
      ).json().items[0].code;
      const sent = await f.t.call('POST', `/api/manifests/${code}/dispatch`, { as: 'operator' });
      assert.equal(sent.json().status, 'failed', sent.body);
      const [again] = (await ready(`channel=${f.code}`)).items;
      assert.equal(again.poNumber, po.poNumber);
      assert.match(again.refusedBefore, /ORDER_NOT_READY_TO_DISPATCH/);
    });

    test('the create form: an unknown channel or warehouse is refused by its field; a viewer is refused', async () => {
      const create = (body: unknown, as: 'operator' | 'viewer' = 'operator') =>
        f.t.call('POST', '/api/manifests', { as, body });
      const cases: [unknown, string, RegExp][] = [
        [{ channel: '', warehouse: 'MUM1' }, 'channel', /Choose the channel whose shipments/],
        [{ channel: 'NOPE', warehouse: 'MUM1' }, 'channel', /There is no channel NOPE/],
        [{ channel: f.code, warehouse: 'NOPE' }, 'warehouse', /There is no warehouse NOPE/],
      ];
      for (const [body, field, message] of cases) {
        const res = await create(body);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().error.field, field);
        assert.match(res.json().error.message, message);
      }
      assert.equal((await create({ channel: f.code, warehouse: 'MUM1' }, 'viewer')).statusCode, 403);
    });
  });
}
