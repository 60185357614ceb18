import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import type { Variant } from '../helpers/orders-fixture.ts';
import { havePdfTools, pdfText } from '../helpers/pdf.ts';

/**
 * Issue 11's findings 1–3, walked as a seller with prepack on, against the sandbox over HTTP: a
 * prefetch followed by an order pull leaves the PO packable and out of New manifest until packed; a
 * box id AJIO holds for another PO (or a unit's barcode) is refused; a pack that differs from the
 * prefetched plan is refused, and a weight difference is shown on the labels and recorded.
 */
for (const kind of databaseKinds) {
  describe(`prepack: prefetch, pull, pack, manifest (${kind})`, () => {
    let f: DispatchFixture;
    before(async () => {
      f = await createDispatchFixture(kind);
      for (const v of f.variants) await f.stock(v.sellerSku, 100);
      const patched = await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: { settings: { orders: { prepack: true } } },
      });
      assert.equal(patched.statusCode, 200, patched.body);
    });
    after(() => f.close());

    const call = (method: string, url: string, body?: unknown) => f.t.call(method, url, { as: 'operator', body });
    const pack = (id: number, action: string, body: unknown) => call('POST', `/api/orders/${id}/pack/${action}`, body);
    const order = async (id: number) => (await call('GET', `/api/orders/${id}`)).json();

    /** POs raised at AJIO and pulled, put on a picklist and prefetched; their Weft ids and prefetch outcomes. */
    async function prefetched(...pos: { variant: Variant; quantity: number }[][]) {
      const raised = [];
      for (const lines of pos)
        raised.push(await f.raisePo(lines.map((l) => ({ sku: l.variant.sellerSku, quantity: l.quantity }))));
      await f.run('orders');
      const ids: number[] = [];
      for (const po of raised)
        ids.push((await call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id as number);
      const picklist = (await call('POST', '/api/picklists', { warehouse: 'MUM1' })).json();
      const res = await call('POST', `/api/picklists/${picklist.code}/prefetch`);
      assert.equal(res.statusCode, 200, res.body);
      const outcomes = res.json().orders as {
        poNumber: string;
        invoiceNumber?: string;
        boxCode?: string;
        error?: string;
      }[];
      return raised.map((po, i) => {
        const outcome = outcomes.find((o) => o.poNumber === po.po_number)!;
        assert.ok(outcome.invoiceNumber, JSON.stringify(outcome));
        return { po: po.po_number as string, id: ids[i], box: outcome.boxCode!, invoice: outcome.invoiceNumber! };
      });
    }

    test('finding 1: after a prefetch and an order pull the PO stays packable and stays out of New manifest until packed', async () => {
      const [v] = f.variants;
      const [x] = await prefetched([{ variant: v, quantity: 2 }]);
      assert.equal((await f.ajioPo(x.po)).status, 'READY_TO_DISPATCH', 'the prefetch moved the PO at AJIO');
      await f.run('orders');
      const pulled = await order(x.id);
      assert.equal(pulled.status, 'picking', "AJIO's READY_TO_DISPATCH does not skip the pack");
      assert.equal(pulled.marketplaceStatus, 'READY_TO_DISPATCH', "AJIO's own status is kept beside Weft's");
      assert.match(pulled.events.at(-1).note, /marketplace is ahead .*pack it at the pack station/);
      const state = (await call('GET', `/api/orders/${x.id}/pack`)).json();
      assert.equal(state.plan.length, 1);
      assert.equal(state.plan[0].boxCode, x.box);
      assert.equal(
        state.plan[0].awb,
        f.sandboxPo(x.po).shipment!.boxes[0].awb,
        'the plan carries the AWB AJIO issued for the box',
      );
      assert.match(state.cue, new RegExp(`scan the label of box ${x.box}`));

      const ready = (await call('GET', `/api/manifests/ready?channel=${f.code}`)).json();
      assert.ok(
        !ready.items.some((r: { poNumber: string }) => r.poNumber === x.po),
        'not offered for a manifest before it is packed',
      );
      const manifest = await call('POST', '/api/manifests', { channel: f.code, warehouse: 'MUM1' });
      assert.equal(manifest.statusCode, 409, manifest.body);

      assert.equal((await pack(x.id, 'box', { box: x.box })).statusCode, 200);
      await pack(x.id, 'scan', { code: v.sellerSku });
      await pack(x.id, 'scan', { code: v.ean });
      assert.equal((await pack(x.id, 'close-box', { weightGrams: 600 })).statusCode, 200);
      const finished = (await pack(x.id, 'finish', {})).json();
      assert.equal(finished.documentsPending, null, JSON.stringify(finished.documentsPending));
      assert.equal(finished.documents.invoice.invoiceNumber, x.invoice);
      await f.run('orders');
      assert.equal((await order(x.id)).status, 'ready_to_ship', 'the next pull changes nothing');
      const offered = (await call('GET', `/api/manifests/ready?channel=${f.code}`))
        .json()
        .items.find((r: { poNumber: string }) => r.poNumber === x.po);
      assert.equal(offered.boxes, 1);
      assert.equal(offered.weightGrams, 600);
      const made = await call('POST', '/api/manifests', { channel: f.code, warehouse: 'MUM1' });
      assert.equal(made.statusCode, 201, made.body);
      const dispatched = await call('POST', `/api/manifests/${made.json().items[0].code}/dispatch`);
      assert.equal(dispatched.statusCode, 200, dispatched.body);
      assert.equal((await order(x.id)).status, 'shipped');
    });

    test("finding 1: with ready to ship at manifest, the pull's echo of AJIO's status does not make a packed PO ready", async () => {
      await f.t.call('PATCH', `/api/channels/${f.code}`, {
        body: { settings: { orders: { readyToShipAt: 'manifest' } } },
      });
      try {
        const v = f.variants[1];
        const [x] = await prefetched([{ variant: v, quantity: 1 }]);
        await pack(x.id, 'box', { box: x.box });
        await pack(x.id, 'scan', { code: v.sellerSku });
        await pack(x.id, 'close-box', { weightGrams: 300 });
        assert.equal((await pack(x.id, 'finish', {})).json().documentsPending, null);
        await f.run('orders');
        assert.equal(
          (await order(x.id)).status,
          'packed',
          "ready to ship comes with the manifest, not with AJIO's READY_TO_DISPATCH",
        );
        const made = await call('POST', '/api/manifests', { channel: f.code, warehouse: 'MUM1' });
        assert.equal(made.statusCode, 201, made.body);
        assert.equal((await order(x.id)).status, 'ready_to_ship', 'the manifest makes it ready to ship');
        assert.equal((await call('POST', `/api/manifests/${made.json().items[0].code}/dispatch`)).statusCode, 200);
        assert.equal((await order(x.id)).status, 'shipped');
      } finally {
        await f.t.call('PATCH', `/api/channels/${f.code}`, {
          body: { settings: { orders: { readyToShipAt: 'pack' } } },
        });
      }
    });

    test('finding 1: a PO left ready to ship without packed units (as the echo used to leave it) is never offered nor manifested', async () => {
      const v = f.variants[0];
      const [x] = await prefetched([{ variant: v, quantity: 1 }]);
      // What current main did on the pull after a prefetch: ready to ship, invoice and AWBs, nothing packed.
      await f.t.database.query(`update orders set status = 'ready_to_ship' where id = $1`, [x.id]);
      const ready = (await call('GET', `/api/manifests/ready?channel=${f.code}`)).json();
      assert.ok(
        !ready.items.some((r: { poNumber: string }) => r.poNumber === x.po),
        'not offered with 0 boxes and 0 kg',
      );
      const made = await call('POST', '/api/manifests', { channel: f.code, warehouse: 'MUM1' });
      assert.equal(made.statusCode, 409, made.body);
      assert.match(made.json().error.message, /Nothing is ready to ship/);
      await f.t.database.query(`update orders set status = 'picking' where id = $1`, [x.id]);
    });

    test("finding 2: a box AJIO holds for another PO, a unit's barcode or a PO number is refused as a box id, with the reason", async () => {
      const v = f.variants[2];
      const [x] = await prefetched([{ variant: v, quantity: 1 }]);
      await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { settings: { orders: { prepack: false } } } });
      try {
        const po = await f.raisePo([{ sku: v.sellerSku, quantity: 1 }]);
        await f.run('orders');
        const y = (await call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id as number;
        const held = await pack(y, 'box', { box: x.box });
        assert.equal(held.statusCode, 409, held.body);
        assert.match(
          held.json().error.message,
          new RegExp(`Box ${x.box} belongs to PO ${x.po}, which has not been dispatched \\(the marketplace holds it`),
        );
        const ean = await pack(y, 'box', { box: v.ean });
        assert.equal(ean.statusCode, 400);
        assert.match(ean.json().error.message, /is the EAN of .*not a box id/);
        assert.match(
          (await pack(y, 'box', { box: v.sellerSku })).json().error.message,
          /is the SKU code of .*not a box id/,
        );
        assert.match(
          (await pack(y, 'box', { box: po.po_number })).json().error.message,
          /is the number of PO .*not a box id/,
        );
        const odd = await pack(y, 'box', { box: 'CARTON-7' });
        assert.equal(odd.statusCode, 400);
        assert.match(odd.json().error.message, /not a box id for this channel: a box id starts with LPN/);
        await f.t.call('PATCH', `/api/channels/${f.code}`, {
          body: { settings: { orders: { boxIds: { lpnPrefix: 'LPN', pattern: '^CARTON-[0-9]+$' } } } },
        });
        assert.equal(
          (await pack(y, 'box', { box: 'CARTON-7' })).statusCode,
          200,
          "the channel's own pattern is a box id",
        );
        const state = (await call('GET', `/api/orders/${y}/pack`)).json();
        assert.equal(state.boxes[0].boxCode, 'CARTON-7');
        assert.equal(state.plan, null);
      } finally {
        await f.t.call('PATCH', `/api/channels/${f.code}`, { body: { settings: { orders: { prepack: true } } } });
      }
    });

    test("finding 3: a pack other than the plan is refused; a heavier box keeps AJIO's AWB, is labelled with both weights and recorded", async () => {
      const [, , , d] = f.variants;
      const [x] = await prefetched([{ variant: d, quantity: 2 }]);
      await pack(x.id, 'box', { box: x.box });
      await pack(x.id, 'scan', { code: d.sellerSku });
      const split = await pack(x.id, 'close-box', { weightGrams: 500 });
      assert.equal(split.statusCode, 409, 'one box holding half the plan cannot close');
      assert.match(split.json().error.message, /does not hold what the marketplace's invoice .*1 of 2/);
      const second = await pack(x.id, 'box', { box: 'LPN-4401' });
      assert.equal(second.statusCode, 409);
      assert.match(
        second.json().error.message,
        new RegExp(
          `was prefetched: the marketplace's invoice ${x.invoice.replace(/[/]/g, '\\/')} holds 1 box\\(es\\), ${x.box}`,
        ),
      );
      await pack(x.id, 'scan', { code: d.sellerSku });
      const extra = await pack(x.id, 'scan', { code: d.sellerSku });
      assert.equal(extra.statusCode, 409);
      await pack(x.id, 'close-box', { weightGrams: 1500 });
      const finished = (await pack(x.id, 'finish', {})).json();
      assert.equal(finished.documentsPending, null, JSON.stringify(finished.documentsPending));
      assert.equal(finished.documents.invoice.invoiceNumber, x.invoice);

      const atAjio = f.sandboxPo(x.po);
      assert.deepEqual(
        atAjio.invoice!.boxes.map((b) => [b.boxId, b.weightGrams]),
        [[x.box, 600]],
        'AJIO still holds the plan',
      );
      const state = (await call('GET', `/api/orders/${x.id}/pack`)).json();
      assert.equal(
        state.boxes[0].awb,
        atAjio.shipment!.boxes[0].awb,
        'the packed box carries the AWB AJIO issued for it',
      );
      assert.deepEqual(
        state.discrepancies.map((x: { kind: string; marketplaceValue: number; packedValue: number }) => [
          x.kind,
          x.marketplaceValue,
          x.packedValue,
        ]),
        [['weight', 600, 1500]],
      );
      const listed = (await call('GET', `/api/discrepancies?channel=${f.code}`)).json().items;
      assert.ok(listed.some((r: { poNumber: string; boxCode: string }) => r.poNumber === x.po && r.boxCode === x.box));
      const csv = await f.t.call('GET', '/api/discrepancies.csv');
      assert.match(csv.headers['content-type'] as string, /text\/csv/);
      assert.match(csv.body, new RegExp(`${x.po},ready_to_ship,weight,${x.box},600,1500,grams,`));
      if (havePdfTools) {
        const docs = (await call('GET', `/api/documents?orderId=${x.id}&kind=box-labels`)).json().items;
        assert.equal(docs.length, 1, 'one live set of Weft labels');
        const pdf = (
          await f.t.app.inject({
            method: 'GET',
            url: `/api/documents/${docs[0].id}`,
            headers: { authorization: `Bearer ${f.t.tokens.viewer}` },
          })
        ).rawPayload;
        const text = pdfText(pdf);
        assert.match(text, /Box 1 of 1/);
        assert.match(text, /1\.500 kg/);
        assert.match(text, /Marketplace holds 0\.600 kg/);
        assert.ok(text.includes(atAjio.shipment!.boxes[0].awb));
      }
    });
  });
}
