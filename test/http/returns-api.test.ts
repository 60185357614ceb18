import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { dispatchAtAjio } from '../helpers/dispatch-at-ajio.ts';
import { createInventoryFixture, seller, type InventoryFixture } from '../helpers/inventory-fixture.ts';

/**
 * The returns list the console pages through: filtered by channel, status and a search on the return
 * number, PO number or AWB, keyset paged; a return's detail carries what a scanner needs (EAN, name)
 * and what has been received; a viewer reads but cannot receive, QC or close.
 */
for (const kind of databaseKinds) {
  describe(`returns API: list, search, paging and roles (${kind})`, () => {
    let f: InventoryFixture;
    let created: { return_id: string; po_number: string; awb: string }[];
    let poNumbers: string[];
    let viewerToken: string;

    before(async () => {
      f = await createInventoryFixture(kind, { styles: 3 });
      const [a, b] = f.listings;
      const po1 = await dispatchAtAjio(f, [{ listing: a, quantity: 2 }]);
      const po2 = await dispatchAtAjio(f, [{ listing: b, quantity: 2 }]);
      poNumbers = [po1.po_number, po2.po_number];
      created = (await f.sandbox.control.createReturns(seller.username, [
        { po_number: po1.po_number, sku: a.channelSku, quantity: 2 },
        { po_number: po2.po_number, sku: b.channelSku, quantity: 1 },
        { po_number: po2.po_number, sku: b.channelSku, quantity: 1 },
      ])) as typeof created;
      const run = await f.run('returns');
      assert.equal(run.status, 'succeeded', run.error ?? '');
      viewerToken = (
        await f.call('POST', '/api/auth/token', { username: 'viewer1', password: 'viewer-password-1' })
      ).json().token;
    });
    after(async () => f?.close());

    const list = async (query: string) => {
      const res = await f.call('GET', `/api/returns?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as {
        items: {
          id: number;
          externalId: string;
          poNumber: string;
          units: number;
          receivedUnits: number;
          warehouse: string;
          status: string;
        }[];
        next: number | null;
      };
    };

    test('search by return number (or its start), PO number and AWB; filters combine', async () => {
      assert.deepEqual(
        (await list(`q=${created[0].return_id}`)).items.map((r) => r.externalId),
        [created[0].return_id],
      );
      assert.deepEqual(
        (await list(`q=${poNumbers[1]}`)).items.map((r) => r.externalId).sort(),
        [created[1].return_id, created[2].return_id].sort(),
      );
      assert.deepEqual(
        (await list(`q=${created[2].awb}`)).items.map((r) => r.externalId),
        [created[2].return_id],
      );
      const prefix = created[0].return_id.slice(0, -1);
      assert.ok(
        (await list(`q=${prefix}`)).items.some((r) => r.externalId === created[0].return_id),
        'the start of a return number finds it',
      );
      assert.equal((await list('q=NO-SUCH%25')).items.length, 0, 'a % in the search is taken literally');
      assert.equal((await list(`q=${poNumbers[1]}&status=closed`)).items.length, 0);
      assert.equal((await list(`q=${poNumbers[1]}&channel=${f.channelCode.toLowerCase()}`)).items.length, 2);
      assert.equal((await list(`channel=NOPE`)).items.length, 0);
      const [one] = (await list(`q=${created[0].return_id}`)).items;
      assert.deepEqual(
        [one.poNumber, one.units, one.receivedUnits, one.warehouse, one.status],
        [poNumbers[0], 2, 0, 'MUM1', 'confirmed'],
      );
      const bad = await f.call('GET', '/api/returns?status=lost');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.field, 'status');
    });

    test('keyset paging: newest first, each page after the last id of the one before', async () => {
      const first = await list('limit=2');
      assert.equal(first.items.length, 2);
      assert.equal(first.next, first.items[1].id);
      const second = await list(`limit=2&before=${first.next}`);
      assert.equal(second.items.length, 1);
      assert.equal(second.next, null);
      const ids = [...first.items, ...second.items].map((r) => r.id);
      assert.deepEqual(
        ids,
        [...ids].sort((x, y) => y - x),
      );
    });

    test('the detail has EAN and name per line, and counts received units after QC', async () => {
      const id = (await list(`q=${created[0].return_id}`)).items[0].id;
      const [a] = f.listings;
      const detail = (await f.call('GET', `/api/returns/${id}`)).json();
      const ean = f.catalog.flatMap((p) => p.variants).find((v) => v.sku === a.channelSku)!.ean;
      assert.deepEqual(
        [detail.lines[0].sku, detail.lines[0].ean, typeof detail.lines[0].name],
        [a.skuCode, ean, 'string'],
      );
      assert.equal((await f.call('POST', `/api/returns/${id}/receive`)).statusCode, 200);
      assert.equal((await f.call('POST', `/api/returns/${id}/qc`, { code: ean, result: 'good' })).statusCode, 200);
      const [after] = (await list(`q=${created[0].return_id}`)).items;
      assert.deepEqual([after.status, after.receivedUnits], ['receiving', 1]);
    });

    test('a viewer reads returns but the API refuses receiving, QC and closing', async () => {
      const id = (await list(`q=${created[1].return_id}`)).items[0].id;
      const as = (method: string, url: string, body?: unknown) =>
        f.app.inject({
          method: method as never,
          url,
          headers: { authorization: `Bearer ${viewerToken}` },
          ...(body === undefined ? {} : { payload: body as object }),
        });
      assert.equal((await as('GET', `/api/returns/${id}`)).statusCode, 200);
      for (const action of ['receive', 'close']) {
        const refused = await as('POST', `/api/returns/${id}/${action}`);
        assert.equal(refused.statusCode, 403, action);
        assert.match(refused.json().error.message, /needs the operator role/);
      }
      assert.equal(
        (await as('POST', `/api/returns/${id}/qc`, { code: f.listings[1].skuCode, result: 'good' })).statusCode,
        403,
      );
      assert.equal((await f.call('GET', `/api/returns/${id}`)).json().status, 'confirmed', 'nothing changed');
    });
  });
}
