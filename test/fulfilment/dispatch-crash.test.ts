import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../helpers/databases.ts';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';
import { ordersSeller } from '../helpers/orders-fixture.ts';

/**
 * Issue 10, Finding 3: a dispatch whose sender died mid-call (its answer lost) was sent again
 * without reading back — AJIO answered ORDER_ALREADY_DISPATCHED — and AJIO's manifest id and PDF
 * were never recorded. A taken-over dispatch reads back first, records AJIO's manifest, and sends
 * nothing twice; a PO AJIO calls already dispatched is read back and recorded, not retried.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const kind of databaseKinds) {
  describe(`a dispatch taken over after a crash (${kind})`, () => {
    let f: DispatchFixture;
    before(async () => {
      f = await createDispatchFixture(kind);
      for (const v of f.variants) await f.stock(v.sellerSku, 20);
    });
    after(async () => f.close());

    const create = async () =>
      (
        await f.t.call('POST', '/api/manifests', { as: 'operator', body: { channel: f.code, warehouse: 'MUM1' } })
      ).json().items[0].code as string;
    const dispatch = (code: string) => f.t.call('POST', `/api/manifests/${code}/dispatch`, { as: 'operator' });
    const received = async () =>
      (await f.sandbox.control.received(ordersSeller.username, 'manifests')).items as { manifestId: string | null }[];
    const shown = async (code: string) => (await f.t.call('GET', `/api/manifests/${code}`, { as: 'viewer' })).json();

    test("a sender that died mid-dispatch: the next attempt reads back, records AJIO's manifest and sends nothing again", async () => {
      const ready = await f.readyAtAjio(2);
      const code = await create();
      const calls = (await received()).length;
      // AJIO takes the dispatch; its answer never comes back while the sender is "alive".
      await f.sandbox.control.injectFaults({
        route: 'POST /orders/dispatch',
        type: 'timeout',
        processed: true,
        holdMs: 4000,
      });
      const first = dispatch(code);
      const key = `dispatch:${code}:1`;
      for (let i = 0; i < 100 && (await received()).length === calls; i++) await sleep(50);
      const atAjio = (await received()).at(-1)!;
      assert.match(atAjio.manifestId ?? '', /^MF/, 'AJIO made its manifest');
      assert.equal(
        await f.count(`select count(*)::int as n from outbox where idempotency_key = $1 and status = 'in_flight'`, [
          key,
        ]),
        1,
      );
      // The sender's process is gone: its entry is older than WEFT_OUTBOX_STALE_SECONDS.
      await f.t.database.query(`update outbox set updated_at = now() - interval '1 hour' where idempotency_key = $1`, [
        key,
      ]);

      const taken = await dispatch(code);
      assert.equal(taken.statusCode, 200, taken.body);
      assert.equal(taken.json().status, 'dispatched');
      assert.equal(taken.json().marketplaceManifestId, atAjio.manifestId, "AJIO's manifest id is recorded");
      for (const po of ready) assert.equal((await f.t.call('GET', `/api/orders/${po.id}`)).json().status, 'shipped');
      const documents = (await shown(code)).documents as { kind: string }[];
      assert.ok(
        documents.some((d) => d.kind === 'marketplace-manifest'),
        "AJIO's manifest PDF is kept",
      );

      await first; // the stalled sender's late outcome changes nothing
      assert.equal((await received()).length, calls + 1, 'AJIO got one dispatch call');
      assert.equal(
        await f.count(`select count(*)::int as n from outbox where idempotency_key = $1 and status = 'succeeded'`, [
          key,
        ]),
        1,
      );
      assert.equal(
        await f.count(
          'select count(*)::int as n from manifest_dispatches md join manifests m on m.id = md.manifest_id where m.code = $1',
          [code],
        ),
        1,
      );
    });

    test("ORDER_ALREADY_DISPATCHED is read back and recorded with AJIO's manifest, not refused or retried", async () => {
      const [po] = await f.readyAtAjio(1);
      const code = await create();
      // Dispatched at AJIO without Weft hearing of it (an answer lost before Weft kept any memo).
      const direct = await f.ajio('POST', '/orders/dispatch', {
        dispatchItems: [{ masterAWB: po.masterAwb, orderId: po.orderId, invoiceNo: po.invoiceNumber }],
      });
      assert.match(direct.manifestId ?? '', /^MF/, JSON.stringify(direct));
      const sent = await dispatch(code);
      assert.equal(sent.statusCode, 200, sent.body);
      assert.equal(sent.json().status, 'dispatched');
      assert.equal(sent.json().refusedNow.length, 0);
      assert.equal(sent.json().marketplaceManifestId, direct.manifestId);
      assert.ok(((await shown(code)).documents as { kind: string }[]).some((d) => d.kind === 'marketplace-manifest'));
      assert.equal((await dispatch(code)).statusCode, 409, 'nothing left to send');
    });
  });
}
