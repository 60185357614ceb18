import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { applyFieldChange, FaultBook, parseFieldPath } from '../../src/sandbox/ajio/faults.ts';
import { SandboxControlError } from '../../src/sandbox/ajio/control-client.ts';
import { SELLER, setup, type Ctx } from './helpers.ts';

describe('sandbox: field faults (unit)', () => {
  test('rename, drop and retype follow a path through arrays', () => {
    const body = {
      orders: [
        { po_number: 'PO1', order_lines: [{ quantity: 2, tax_summary: { gst_rate: 5 } }, { quantity: 1 }] },
        { po_number: 'PO2', order_lines: [{ quantity: 3, tax_summary: { gst_rate: 12 } }] },
      ],
    };
    assert.equal(
      applyFieldChange(body, { action: 'rename', to: 'poNumber' }, parseFieldPath('orders[*].po_number')),
      2,
    );
    assert.deepEqual(
      body.orders.map((o) => Object.keys(o)),
      [
        ['order_lines', 'poNumber'],
        ['order_lines', 'poNumber'],
      ],
    );
    assert.equal((body.orders[1] as Record<string, unknown>).poNumber, 'PO2');
    const dropped = applyFieldChange(body, { action: 'drop' }, parseFieldPath('orders[*].order_lines[*].tax_summary'));
    assert.equal(dropped, 2, 'only lines that had the field count');
    assert.ok(body.orders.every((o) => o.order_lines.every((l) => !('tax_summary' in l))));
    applyFieldChange(body, { action: 'retype', value: 'abc' }, parseFieldPath('orders[*].order_lines[*].quantity'));
    assert.deepEqual(
      body.orders.flatMap((o) => o.order_lines.map((l) => l.quantity)),
      ['abc', 'abc', 'abc'],
    );
    assert.throws(() => parseFieldPath('orders[0].po_number'), /not a field path/);
  });

  test('next N calls, then the answer is untouched; -1 lasts until cleared; other routes unaffected', () => {
    const book = new FaultBook();
    book.addFieldFault({ route: 'GET /orders', path: 'orders[*].po_number', action: 'drop', count: 2 });
    const text = JSON.stringify({ orders: [{ po_number: 'PO1', status: 'CONFIRMED' }] });
    assert.equal(book.rewriteAnswer('GET', '/orders/pendency', text), undefined);
    assert.equal(book.rewriteAnswer('POST', '/orders', text), undefined);
    assert.deepEqual(JSON.parse(book.rewriteAnswer('GET', '/orders', text)!), { orders: [{ status: 'CONFIRMED' }] });
    assert.ok(book.rewriteAnswer('GET', '/orders', text));
    assert.equal(book.rewriteAnswer('GET', '/orders', text), undefined, 'used up after 2 calls');
    assert.equal(book.list().fieldFaults.length, 0);
    book.addFieldFault({ route: 'GET /products', path: 'products', action: 'retype', value: 7, count: -1 });
    for (let i = 0; i < 3; i++)
      assert.deepEqual(JSON.parse(book.rewriteAnswer('GET', '/products', '{"products":[]}')!), { products: 7 });
    book.clear();
    assert.equal(book.rewriteAnswer('GET', '/products', '{"products":[]}'), undefined);
  });

  test('bad specs are refused with a reason', () => {
    const book = new FaultBook();
    assert.throws(() => book.addFieldFault({ route: 'GET /orders', path: 'x', action: 'rename' }), /needs "to"/);
    assert.throws(() => book.addFieldFault({ route: 'GET /orders', path: 'x', action: 'shuffle' }), /action must be/);
    assert.throws(() => book.addFieldFault({ route: 'GET /orders', action: 'drop' }), /path is required/);
    assert.throws(() => book.addFieldFault({ route: 'GET /orders', path: 'a..b', action: 'drop' }), /not a field path/);
  });
});

describe('sandbox: field faults over HTTP', () => {
  let ctx: Ctx;
  before(async () => {
    ctx = await setup({ styles: 2 });
  });
  after(() => ctx.close());

  test('GET /orders answers with po_number renamed and tax_summary dropped, once; control lists them', async () => {
    const sku = ctx.catalog[0].variants[0].sku;
    await ctx.sb.control.placeCustomerOrders(SELLER, [{ lines: [{ sku, quantity: 1 }] }]);
    const raised = await ctx.sb.control.raisePurchaseOrders(SELLER);
    const ids = raised.map((p) => p.order_id).join(',');
    const listed = await ctx.sb.control.changeFields([
      { route: 'GET /orders', path: 'orders[*].po_number', action: 'rename', to: 'poNumber' },
      { route: 'GET /orders', path: 'orders[*].order_lines[*].tax_summary', action: 'drop' },
    ]);
    assert.equal(listed.fieldFaults.length, 2);
    assert.equal((await ctx.sb.control.listFaults()).fieldFaults[0].to, 'poNumber');
    const pendency = await ctx.api.get('/orders/pendency');
    assert.equal(pendency.status, 200, 'another call is untouched and does not use up the fault');
    const changed = await ctx.api.get(`/orders?orderIds=${ids}`);
    assert.equal(changed.status, 200);
    const po = changed.body.orders[0];
    assert.equal(po.po_number, undefined);
    assert.equal(po.poNumber, raised[0].po_number);
    assert.equal(po.order_lines[0].tax_summary, undefined);
    assert.equal(typeof po.order_lines[0].quantity, 'number');
    const again = await ctx.api.get(`/orders?orderIds=${ids}`);
    assert.equal(again.body.orders[0].po_number, raised[0].po_number, 'count 1: the next call is normal');
    assert.ok(again.body.orders[0].order_lines[0].tax_summary);
    assert.equal((await ctx.sb.control.listFaults()).fieldFaults.length, 0);
  });

  test('retype until cleared; errors are not rewritten; a bad spec is a 400', async () => {
    await ctx.sb.control.changeFields({
      route: 'GET /orders',
      path: 'orders[*].order_lines[*].quantity',
      action: 'retype',
      count: -1,
    });
    for (let i = 0; i < 2; i++) {
      const res = await ctx.api.get('/orders');
      assert.equal(res.status, 200);
      for (const po of res.body.orders) for (const l of po.order_lines) assert.equal(l.quantity, 'abc');
    }
    const refused = await ctx.api.get('/orders?pageSize=500');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.success, false);
    await ctx.sb.control.clearFaults();
    const res = await ctx.api.get('/orders');
    for (const po of res.body.orders) for (const l of po.order_lines) assert.equal(typeof l.quantity, 'number');
    await assert.rejects(
      ctx.sb.control.changeFields({ route: 'GET /orders', path: 'orders[*].x', action: 'rename' }),
      (e: unknown) => e instanceof SandboxControlError && e.status === 400,
    );
  });
});
