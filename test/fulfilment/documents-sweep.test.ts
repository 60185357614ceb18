import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import { ordersSeller } from '../helpers/orders-fixture.ts';
import { finishPack } from '../../src/core/fulfilment/pack.ts';
import { packDocumentsSweepJob } from '../../src/jobs/definitions/pack-documents.ts';
import { channelDescriptor } from '../../src/channels/registry.ts';
import { sweepPackDocuments } from '../../src/core/fulfilment/documents-sweep.ts';
import { createLogger } from '../../src/log.ts';

/**
 * Issue 10, Finding 3: an order packed just before the API died got its invoice and labels only when
 * someone asked for them. The sweep finishes them on its own, once, and leaves a fresh pack to the
 * pack station.
 */
let box = 0;

for (const kind of databaseKinds) {
  describe(`the documents sweep (${kind})`, () => {
    let f: DispatchFixture;
    before(async () => {
      f = await createDispatchFixture(kind);
      for (const v of f.variants) await f.stock(v.sellerSku, 20);
    });
    after(async () => f.close());

    const call = async (method: string, url: string, body?: unknown) => {
      const res = await f.t.call(method, url, { as: 'operator', ...(body === undefined ? {} : { body }) });
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
      return res.json();
    };
    /** Packed and committed, as when the API process dies right after the pack, before the documents. */
    const packedWithoutDocuments = async () => {
      const [variant] = f.variants;
      const po = await f.raisePo([{ sku: variant.sellerSku, quantity: 1 }]);
      await f.run('orders');
      const id = (await call('GET', `/api/orders?q=${po.po_number}`)).items[0].id as number;
      await call('POST', '/api/picklists', { warehouse: 'MUM1', channel: f.code });
      await call('POST', `/api/orders/${id}/pack/box`, { box: `LPN-SWEEP-${kind}-${++box}` });
      await call('POST', `/api/orders/${id}/pack/scan`, { code: variant.sellerSku });
      await call('POST', `/api/orders/${id}/pack/close-box`, { weightGrams: 300 });
      await finishPack(f.t.database.db, id, 'packer');
      return { id, poNumber: po.po_number };
    };
    const invoicesAtAjio = async (poNumber: string) =>
      (
        (await f.sandbox.control.received(ordersSeller.username, 'invoices')).items as {
          po_number?: string;
          request?: { po_number?: string };
        }[]
      ).filter((i) => (i.po_number ?? i.request?.po_number) === poNumber).length;
    const documentsOf = async (id: number) =>
      (await call('GET', `/api/orders/${id}`)) as { status: string; invoice?: unknown };

    test('a packed order left without invoice and labels gets them from the sweep, once', async () => {
      const order = await packedWithoutDocuments();
      const fresh = await packedWithoutDocuments();
      assert.equal((await documentsOf(order.id)).status, 'packed');
      assert.equal(await f.count(`select count(*)::int as n from invoices where order_id = $1`, [order.id]), 0);
      // The first was packed two minutes ago; the second just now (its pack station is still at it).
      await f.t.database.query(`update orders set updated_at = now() - interval '2 minutes' where id = $1`, [order.id]);

      const output = (await packDocumentsSweepJob.handler(
        {},
        {
          database: f.t.database,
          secrets: f.t.secrets,
          lookup: channelDescriptor,
          log: createLogger('silent'),
          send: async () => null,
        },
        { id: 'sweep-1', retryCount: 0, workerId: 'test' },
      )) as { finished: number[]; waiting: number };
      assert.deepEqual(output.finished, [order.id]);
      assert.equal(
        await f.count(`select count(*)::int as n from invoices where order_id = $1 and status = 'active'`, [order.id]),
        1,
      );
      assert.equal(
        await f.count(`select count(*)::int as n from shipments where order_id = $1 and status = 'active'`, [order.id]),
        1,
      );
      assert.equal(
        await f.count(
          `select count(*)::int as n from documents where order_id = $1 and kind in ('invoice', 'box-labels')`,
          [order.id],
        ),
        2,
        'the invoice and box labels are kept',
      );
      assert.equal(
        await f.count(`select count(*)::int as n from invoices where order_id = $1`, [fresh.id]),
        0,
        'a fresh pack is left to its station',
      );

      const again = await sweepPackDocuments(
        { database: f.t.database, secrets: f.t.secrets, lookup: channelDescriptor },
        { minAgeSeconds: 60, limit: 100, actor: 'test' },
      );
      assert.deepEqual(again.finished, [], 'nothing left to finish');
      assert.equal(await invoicesAtAjio(order.poNumber), 1, 'AJIO was asked for the invoice once');
    });
  });
}
