import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { databaseKinds } from '../helpers/databases.ts';
import { createDispatchFixture, type DispatchFixture } from '../helpers/dispatch-fixture.ts';

/**
 * A model-based test of the order lifecycle: a seeded random sequence of what happens to POs in a day
 * — AJIO raises POs, order pulls run, picklists are prefetched (with prepack on or off), POs are
 * packed, cancelled, manifested and dispatched — run against the sandbox over HTTP, with a small
 * model of what each PO should be. After every step the invariants hold:
 *
 * - every PO is where the model says (a pull after a prefetch changes nothing the packer sees);
 * - no PO is dispatched, in Weft or at AJIO, without packed units;
 * - stock allocated to orders equals the model's open demand, SKU by SKU;
 * - no PO is stuck: an open one can be packed, a ready one is offered for a manifest.
 *
 * LIFECYCLE_SEED and LIFECYCLE_STEPS replay or lengthen a run; a failure names the seed and the step.
 */
const seed = Number(process.env.LIFECYCLE_SEED ?? 20261202);
const steps = Number(process.env.LIFECYCLE_STEPS ?? 40);

type Command =
  | { kind: 'raise'; lines: { v: number; q: number }[] }
  | { kind: 'pull' }
  | { kind: 'prepack'; on: boolean }
  | { kind: 'prefetch' }
  | { kind: 'pack'; pick: number; grams: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'manifest' };

const variantsUsed = 4;
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .uniqueArray(fc.record({ v: fc.nat(variantsUsed - 1), q: fc.integer({ min: 1, max: 2 }) }), {
        minLength: 1,
        maxLength: 2,
        selector: (l) => l.v,
      })
      .map((lines) => ({ kind: 'raise' as const, lines })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'pull' as const }) },
  { weight: 1, arbitrary: fc.boolean().map((on) => ({ kind: 'prepack' as const, on })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'prefetch' as const }) },
  {
    weight: 4,
    arbitrary: fc
      .record({ pick: fc.nat(50), grams: fc.integer({ min: 100, max: 2000 }) })
      .map((r) => ({ kind: 'pack' as const, ...r })),
  },
  { weight: 1, arbitrary: fc.nat(50).map((pick) => ({ kind: 'cancel' as const, pick })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'manifest' as const }) },
);

type State = 'open' | 'picking' | 'ready_to_ship' | 'shipped' | 'cancelled';
interface ModelPo {
  po: string;
  id: number;
  lines: { sku: string; quantity: number }[];
  state: State;
  /** The planned box of a prefetch, when the PO was prefetched. */
  planned: string | null;
}

for (const kind of databaseKinds) {
  describe(`order lifecycle, model-based, against the sandbox (${kind})`, () => {
    let f: DispatchFixture;
    before(async () => {
      f = await createDispatchFixture(kind);
      for (const v of f.variants.slice(0, variantsUsed)) await f.stock(v.sellerSku, 500);
    });
    after(() => f.close());

    test(`a random day of pulls, prefetches, packs, cancels and manifests keeps the invariants (seed ${seed}, ${steps} steps)`, {
      timeout: 240_000,
    }, async () => {
      const commands = fc.sample(fc.array(commandArb, { minLength: steps, maxLength: steps }), { seed, numRuns: 1 })[0];
      const model: ModelPo[] = [];
      let prepack = false;
      let boxNo = 0;
      const call = (method: string, url: string, body?: unknown) => f.t.call(method, url, { as: 'operator', body });
      const variant = (i: number) => f.variants[i];

      async function run(c: Command): Promise<void> {
        switch (c.kind) {
          case 'raise': {
            const po = await f.raisePo(c.lines.map((l) => ({ sku: variant(l.v).sellerSku, quantity: l.q })));
            await f.run('orders');
            const id = (await call('GET', `/api/orders?q=${po.po_number}`)).json().items[0].id as number;
            model.push({
              po: po.po_number,
              id,
              lines: c.lines.map((l) => ({ sku: variant(l.v).sellerSku, quantity: l.q })),
              state: 'open',
              planned: null,
            });
            return;
          }
          case 'pull':
            await f.run('orders');
            return;
          case 'prepack': {
            const res = await f.t.call('PATCH', `/api/channels/${f.code}`, {
              body: { settings: { orders: { prepack: c.on } } },
            });
            assert.equal(res.statusCode, 200, res.body);
            prepack = c.on;
            return;
          }
          case 'prefetch': {
            const open = model.filter((m) => m.state === 'open');
            const picklist = await call('POST', '/api/picklists', { warehouse: 'MUM1' });
            if (open.length === 0) {
              assert.equal(picklist.statusCode, 409, picklist.body);
              return;
            }
            assert.equal(picklist.statusCode, 201, picklist.body);
            const res = await call('POST', `/api/picklists/${picklist.json().code}/prefetch`);
            assert.equal(res.statusCode, 200, res.body);
            for (const m of open) {
              m.state = 'picking';
              const outcome = (res.json().orders as { poNumber: string; boxCode?: string; error?: string }[]).find(
                (o) => o.poNumber === m.po,
              )!;
              if (prepack) {
                assert.ok(outcome.boxCode, `PO ${m.po} prefetched: ${JSON.stringify(outcome)}`);
                m.planned = outcome.boxCode;
              }
            }
            return;
          }
          case 'pack': {
            if (model.length === 0) return;
            const m = model[c.pick % model.length];
            const box = m.planned ?? `LPN-M${++boxNo}`;
            const opened = await call('POST', `/api/orders/${m.id}/pack/box`, { box });
            if (m.state !== 'open' && m.state !== 'picking') {
              assert.equal(opened.statusCode, 409, `PO ${m.po} (${m.state}) cannot be packed again: ${opened.body}`);
              return;
            }
            assert.equal(opened.statusCode, 200, opened.body);
            for (const l of m.lines) {
              for (let i = 0; i < l.quantity; i++)
                assert.equal((await call('POST', `/api/orders/${m.id}/pack/scan`, { code: l.sku })).statusCode, 200);
            }
            assert.equal(
              (await call('POST', `/api/orders/${m.id}/pack/close-box`, { weightGrams: c.grams })).statusCode,
              200,
            );
            const done = await call('POST', `/api/orders/${m.id}/pack/finish`, {});
            assert.equal(done.statusCode, 200, done.body);
            assert.equal(done.json().documentsPending, null, JSON.stringify(done.json().documentsPending));
            m.state = 'ready_to_ship';
            return;
          }
          case 'cancel': {
            if (model.length === 0) return;
            const m = model[c.pick % model.length];
            const detail = (await call('GET', `/api/orders/${m.id}`)).json();
            const lines = detail.lines
              .filter((l: { remaining: number }) => l.remaining > 0)
              .map((l: { externalLineId: string; remaining: number }) => ({
                externalLineId: l.externalLineId,
                quantity: l.remaining,
              }));
            const res = await call('POST', `/api/orders/${m.id}/cancel`, {
              reason: 'model',
              lines: lines.length ? lines : [{ externalLineId: detail.lines[0].externalLineId, quantity: 1 }],
            });
            const cancellable = (m.state === 'open' || m.state === 'picking') && !m.planned;
            if (!cancellable) {
              assert.ok(
                res.statusCode === 409 || res.statusCode === 400,
                `PO ${m.po} (${m.state}${m.planned ? ', prefetched' : ''}) is not cancellable: ${res.statusCode} ${res.body}`,
              );
              return;
            }
            assert.equal(res.statusCode, 200, res.body);
            m.state = 'cancelled';
            return;
          }
          case 'manifest': {
            const ready = model.filter((m) => m.state === 'ready_to_ship');
            const made = await call('POST', '/api/manifests', { channel: f.code, warehouse: 'MUM1' });
            if (ready.length === 0) {
              assert.equal(made.statusCode, 409, made.body);
              return;
            }
            assert.equal(made.statusCode, 201, made.body);
            for (const manifest of made.json().items as { code: string }[]) {
              const res = await call('POST', `/api/manifests/${manifest.code}/dispatch`);
              assert.equal(res.statusCode, 200, res.body);
              assert.equal(res.json().refusedNow.length, 0, res.body);
            }
            for (const m of ready) m.state = 'shipped';
          }
        }
      }

      async function checkInvariants(): Promise<void> {
        for (const m of model) {
          const order = (await call('GET', `/api/orders/${m.id}`)).json();
          assert.equal(
            order.status,
            m.state,
            `PO ${m.po} is ${order.status} in Weft, the model says ${m.state} (AJIO: ${order.marketplaceStatus})`,
          );
          const atAjio = f.sandboxPo(m.po).status;
          if (atAjio === 'DISPATCHED')
            assert.equal(m.state, 'shipped', `PO ${m.po} was dispatched at AJIO without Weft's pack and manifest`);
        }
        assert.equal(
          await f.count(`select count(*)::int as n from orders o where o.status in ('shipped', 'delivered')
          and not exists (select 1 from order_lines l where l.order_id = o.id and l.packed_qty > 0)`),
          0,
          'a PO was dispatched without packed units',
        );
        assert.equal(
          await f.count(`select count(*)::int as n from manifest_orders mo where not exists
          (select 1 from order_lines l where l.order_id = mo.order_id and l.packed_qty > 0)`),
          0,
          'a PO without packed units is on a manifest',
        );
        for (const v of f.variants.slice(0, variantsUsed)) {
          const demand = model
            .filter((m) => ['open', 'picking', 'ready_to_ship'].includes(m.state))
            .reduce((s, m) => s + m.lines.filter((l) => l.sku === v.sellerSku).reduce((a, l) => a + l.quantity, 0), 0);
          const level = (await call('GET', `/api/inventory/levels/MUM1/${v.sellerSku}`)).json();
          assert.equal(level.allocated, demand, `${v.sellerSku}: allocated ${level.allocated}, open demand ${demand}`);
        }
        const offered = new Set(
          (
            (await call('GET', `/api/manifests/ready?channel=${f.code}&limit=500`)).json().items as {
              poNumber: string;
            }[]
          ).map((r) => r.poNumber),
        );
        for (const m of model) {
          if (m.state === 'open' || m.state === 'picking') {
            const state = (await call('GET', `/api/orders/${m.id}/pack`)).json();
            assert.doesNotMatch(state.cue, /nothing to pack/, `PO ${m.po} is stuck: ${state.cue}`);
            if (m.planned)
              assert.equal(state.plan?.[0]?.boxCode, m.planned, `PO ${m.po}'s pack station shows its plan`);
            assert.ok(!offered.has(m.po), `PO ${m.po} is offered for a manifest unpacked`);
          }
          if (m.state === 'ready_to_ship')
            assert.ok(offered.has(m.po), `PO ${m.po} is ready to ship but not offered for a manifest`);
        }
      }

      for (const [i, c] of commands.entries()) {
        try {
          await run(c);
          await checkInvariants();
        } catch (error) {
          (error as Error).message =
            `seed ${seed}, step ${i + 1} of ${commands.length} ${JSON.stringify(c)}: ${(error as Error).message}\n` +
            `steps so far: ${commands
              .slice(0, i + 1)
              .map((x) => x.kind)
              .join(', ')}`;
          throw error;
        }
      }
      assert.ok(model.length > 0, 'the run raised POs');
    });
  });
}
