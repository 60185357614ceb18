import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SELLER, poFor, setup, packAndShip, type Ctx } from './helpers.ts';

describe('sandbox: pendency and purchase orders', () => {
  let ctx: Ctx;
  let sku: (i: number, j?: number) => string;
  before(async () => {
    ctx = await setup({ styles: 10, market: { poEverySeconds: 0 } });
    sku = (i, j = 0) => ctx.catalog[i].variants[j].sku;
  });
  after(() => ctx.close());

  test('customer orders appear as pendency with the contract fields; pages and date filters', async () => {
    const t0 = (await ctx.sb.control.clock()).now;
    const placed = await ctx.sb.control.placeCustomerOrders(SELLER, [
      { lines: [{ sku: sku(0), quantity: 2 }, { sku: sku(1) }] },
    ]);
    await ctx.sb.control.advanceClock(3600);
    await ctx.sb.control.placeCustomerOrders(SELLER, { count: 60, seed: 7, maxLines: 2 });
    const page1 = await ctx.api.get('/orders/pendency?pageNumber=1&pageSize=50');
    assert.equal(page1.status, 200);
    assert.deepEqual(page1.body.page, { number: 1, size: 50, totalElements: 61, totalPages: 2 });
    const first = page1.body.orders[0];
    assert.equal(first.order_id, placed.orders![0].order_id);
    assert.equal(first.status, 'PENDENCY');
    assert.equal(first.order_date, placed.orders![0].order_date);
    const line = first.order_lines[0];
    for (const k of [
      'order_item_id',
      'sku',
      'product_id',
      'variant_id',
      'seller_sku',
      'ordered_quantity',
      'mrp',
      'unit_price',
      'b2b_base_price',
      'b2b_tax',
    ])
      assert.ok(k in line, k);
    assert.equal(line.ordered_quantity, 2);
    assert.equal(line.seller_sku, ctx.catalog[0].variants[0].sellerSku);
    assert.equal((await ctx.api.get('/orders/pendency?pageSize=51')).status, 400);
    const early = await ctx.api.get(`/orders/pendency?orderDateTo=${t0 + 60}`);
    assert.equal(early.body.page.totalElements, 1);
    const late = await ctx.api.get(
      `/orders/pendency?orderDateFrom=${new Date((t0 + 1800) * 1000).toISOString()}&pageSize=50`,
    );
    assert.equal(late.body.page.totalElements, 60);
    assert.equal((await ctx.api.get('/orders/pendency?orderDateFrom=yesterday')).status, 400);
  });

  test('customer cancellation shrinks or removes pendency lines without notice', async () => {
    const placed = await ctx.sb.control.placeCustomerOrders(SELLER, [
      {
        lines: [
          { sku: sku(2), quantity: 3 },
          { sku: sku(3), quantity: 1 },
        ],
      },
    ]);
    const o = placed.orders![0];
    const [res] = await ctx.sb.control.cancelCustomerOrders(SELLER, [
      { orderId: o.order_id, lines: [{ order_item_id: o.order_lines[0].order_item_id, quantity: 2 }] },
    ]);
    assert.equal(res.order_lines[0].cancelled_quantity, 2);
    const find = async () => {
      for (let page = 1; ; page++) {
        const r = await ctx.api.get(`/orders/pendency?pageSize=50&pageNumber=${page}`);
        const hit = r.body.orders.find((x: any) => x.order_id === o.order_id);
        if (hit || r.body.orders.length === 0) return hit;
      }
    };
    const shrunk = await find();
    assert.equal(
      shrunk.order_lines.find((l: any) => l.order_item_id === o.order_lines[0].order_item_id).ordered_quantity,
      1,
    );
    await ctx.sb.control.cancelCustomerOrders(SELLER, [{ orderId: o.order_id }]);
    assert.equal(await find(), undefined, 'fully cancelled order vanishes');
  });

  test('raising POs combines open pendency per SKU and per warehouse; PO fields follow the contract', async () => {
    await ctx.sb.control.reset();
    await ctx.sb.control.addSeller({ username: SELLER, password: 'secret', stateCode: '27' });
    await ctx.sb.control.seedCatalog(SELLER, {
      products: [
        {
          productId: '470000001',
          brand: 'B',
          title: 'Tee',
          hsn: '6109',
          variants: [
            {
              sellerSku: 'T-M',
              ean: '8900000000017',
              size: 'M',
              color: 'Red',
              mrp: 999,
              listingPrice: 999,
              b2bBasePrice: 600,
            },
          ],
        },
        {
          productId: '470000002',
          brand: 'B',
          title: 'Coat',
          hsn: '6201',
          variants: [
            {
              sellerSku: 'C-M',
              ean: '8900000000024',
              size: 'M',
              color: 'Red',
              mrp: 9999,
              listingPrice: 8999,
              b2bBasePrice: 3000,
            },
          ],
        },
      ],
    });
    ctx.api.token = await ctx.sb.login(SELLER, 'secret');
    await ctx.sb.control.placeCustomerOrders(SELLER, [
      { warehouse: 'BHW1', lines: [{ sku: 'T-M', quantity: 2 }, { sku: 'C-M' }] },
      { warehouse: 'BHW1', lines: [{ sku: 'T-M', quantity: 1 }] },
      { warehouse: 'BLR1', lines: [{ sku: 'T-M', quantity: 1 }] },
    ]);
    const raised = await ctx.sb.control.raisePurchaseOrders(SELLER);
    assert.equal(raised.length, 2, 'one PO per warehouse');
    assert.equal((await ctx.api.get('/orders/pendency')).body.page.totalElements, 0);
    const res = await ctx.api.get('/orders?status=CONFIRMED&pageSize=50');
    assert.equal(res.body.page.totalElements, 2);
    const intra = res.body.orders.find((o: any) => o.ship_to.state_code === '27');
    const inter = res.body.orders.find((o: any) => o.ship_to.state_code === '29');
    for (const k of [
      'order_id',
      'po_number',
      'po_date',
      'po_amount',
      'total_tax',
      'po_pdf_url',
      'status',
      'bill_to',
      'ship_to',
      'order_lines',
    ])
      assert.ok(k in intra, k);
    assert.match(intra.bill_to.gstin, /^27[A-Z]{5}\d{4}[A-Z]\dZ[0-9A-Z]$/);
    assert.equal(intra.bill_to.state_code, '27');
    assert.match(intra.ship_to.pincode, /^\d{6}$/);
    const tee = intra.order_lines.find((l: any) => l.sku === '470000001001');
    assert.equal(tee.quantity, 3, 'two orders of the same SKU combine into one line');
    assert.equal(tee.pendency_item_ids.length, 2);
    assert.deepEqual(tee.tax_summary, { gst_rate: 5, cgst: 45, sgst: 45, igst: 0, cess: 0 });
    const coat = intra.order_lines.find((l: any) => l.sku === '470000002001');
    assert.deepEqual(
      coat.tax_summary,
      { gst_rate: 18, cgst: 270, sgst: 270, igst: 0, cess: 0 },
      'over Rs 2,500 a piece: 18%',
    );
    assert.equal(intra.total_tax, 630);
    assert.equal(intra.po_amount, 1800 + 3000 + 630);
    assert.deepEqual(
      inter.order_lines[0].tax_summary,
      { gst_rate: 5, cgst: 0, sgst: 0, igst: 30, cess: 0 },
      'inter-state: IGST',
    );
    for (const l of intra.order_lines)
      for (const k of [
        'customer_cancelled_qty',
        'seller_cancelled_qty',
        'seller_short_picked_qty',
        'mrp',
        'item_base_price',
        'hsn',
        'product_id',
        'variant_id',
      ])
        assert.ok(k in l, k);
    const po = await ctx.api.pdf(intra.po_pdf_url);
    assert.equal(po.status, 200);
    assert.equal(po.bytes.subarray(0, 5).toString(), '%PDF-');
  });

  test('GET /orders by orderIds, by status and date, paged at most 50', async () => {
    const all = (await ctx.api.get('/orders?pageSize=50')).body.orders;
    const ids = all.map((o: any) => o.order_id);
    const byIds = await ctx.api.get(`/orders?orderIds=${ids[1]},NOPE,${ids[0]}`);
    assert.deepEqual(
      byIds.body.orders.map((o: any) => o.order_id),
      [ids[1], ids[0]],
    );
    assert.equal((await ctx.api.get('/orders?status=PACKED')).body.page.totalElements, 0);
    assert.equal((await ctx.api.get(`/orders?poDateFrom=${all[0].po_date + 1}`)).body.page.totalElements, 0);
    assert.equal(
      (await ctx.api.get(`/orders?poDateFrom=${all[0].po_date}&poDateTo=${all[0].po_date}`)).body.page.totalElements,
      2,
    );
    assert.equal((await ctx.api.get('/orders?pageSize=100')).status, 400);
    assert.equal((await ctx.api.get('/orders?status=LOST')).status, 400);
  });

  test('POs are raised on the sandbox-time schedule', async () => {
    const sched = await setup({ styles: 2, market: { poEverySeconds: 6 * 3600 } });
    try {
      await sched.sb.control.placeCustomerOrders(SELLER, [{ lines: [{ sku: sched.catalog[0].variants[0].sku }] }]);
      await sched.sb.control.advanceClock(5 * 3600);
      assert.equal((await sched.api.get('/orders')).body.page.totalElements, 0);
      await sched.sb.control.advanceClock(3600);
      const res = await sched.api.get('/orders');
      assert.equal(res.body.page.totalElements, 1);
      assert.equal((await sched.api.get('/orders/pendency')).body.page.totalElements, 0);
    } finally {
      await sched.close();
    }
  });

  test('seller cancellation: pendency lines, CONFIRMED PO lines (partial, full), refused once invoiced', async () => {
    const c = await setup({ styles: 4, market: { poEverySeconds: 0 } });
    try {
      const placed = await c.sb.control.placeCustomerOrders(SELLER, [
        { lines: [{ sku: c.catalog[0].variants[0].sku, quantity: 2 }] },
      ]);
      const item = placed.orders![0].order_lines[0].order_item_id;
      const pend = await c.api.post('/orders/cancel', {
        order_id: placed.orders![0].order_id,
        reason: 'OUT_OF_STOCK',
        order_lines: [{ order_item_id: item, cancelled_quantity: 1 }],
      });
      assert.deepEqual(pend.body, { status: 'SUCCESS', order_lines: [{ order_item_id: item }] });
      const tooMuch = await c.api.post('/orders/cancel', {
        order_id: placed.orders![0].order_id,
        reason: 'OUT_OF_STOCK',
        order_lines: [{ order_item_id: item, cancelled_quantity: 5 }],
      });
      assert.equal(tooMuch.body.status, 'FAILED');
      assert.match(tooMuch.body.order_lines[0].error_message, /INVALID_CANCELLED_QUANTITY/);

      const po = await poFor(c, [
        { sku: c.catalog[1].variants[0].sku, quantity: 3 },
        { sku: c.catalog[1].variants[1].sku, quantity: 1 },
      ]);
      const l1 = po.order_lines[0].order_item_id;
      const l2 = po.order_lines[1].order_item_id;
      const partial = await c.api.post('/orders/cancel', {
        po_number: po.po_number,
        reason: 'OUT_OF_STOCK',
        order_lines: [
          { order_item_id: l1, cancelled_quantity: 1 },
          { order_item_id: 'X-9', cancelled_quantity: 1 },
        ],
      });
      assert.equal(partial.body.status, 'PARTIAL_SUCCESS');
      assert.equal(partial.body.order_lines[1].error_message, 'INVALID_ORDER_ITEM_ID');
      let after = (await c.api.get(`/orders?orderIds=${po.order_id}`)).body.orders[0];
      assert.equal(after.order_lines[0].seller_cancelled_qty, 1);
      assert.equal(after.status, 'CONFIRMED');

      const po2 = await poFor(c, [{ sku: c.catalog[2].variants[0].sku, quantity: 1 }]);
      const full = await c.api.post('/orders/cancel', { order_id: po2.order_id, reason: 'OUT_OF_STOCK' });
      assert.equal(full.body.status, 'SUCCESS');
      assert.equal((await c.api.get(`/orders?orderIds=${po2.order_id}`)).body.orders[0].status, 'CANCELLED');

      after = (await c.api.get(`/orders?orderIds=${po.order_id}`)).body.orders[0];
      await packAndShip(c, after);
      const refused = await c.api.post('/orders/cancel', {
        po_number: po.po_number,
        reason: 'OUT_OF_STOCK',
        order_lines: [{ order_item_id: l2, cancelled_quantity: 1 }],
      });
      assert.equal(refused.status, 200);
      assert.equal(refused.body.status, 'FAILED');
      assert.match(refused.body.order_lines[0].error_message, /CANCELLATION_NOT_ALLOWED/);
      const unknown = await c.api.post('/orders/cancel', { order_id: 'OD999', reason: 'x' });
      assert.equal(unknown.status, 404);
      assert.equal((await c.api.post('/orders/cancel', { reason: 'x' })).status, 400);
      const received = await c.sb.control.received(SELLER, 'cancellations');
      assert.equal(received.items.length, 5, 'every accepted cancel call is recorded, 4xx refusals are not');
    } finally {
      await c.close();
    }
  });

  test('customer cancellation after a PO: customer_cancelled_qty until invoiced', async () => {
    const c = await setup({ styles: 2, market: { poEverySeconds: 0 } });
    try {
      const placed = await c.sb.control.placeCustomerOrders(SELLER, [
        { lines: [{ sku: c.catalog[0].variants[0].sku, quantity: 2 }] },
      ]);
      await c.sb.control.raisePurchaseOrders(SELLER);
      const [r] = await c.sb.control.cancelCustomerOrders(SELLER, [
        {
          orderId: placed.orders![0].order_id,
          lines: [{ order_item_id: placed.orders![0].order_lines[0].order_item_id, quantity: 1 }],
        },
      ]);
      assert.equal(r.order_lines[0].cancelled_quantity, 1);
      const po = (await c.api.get('/orders')).body.orders[0];
      assert.equal(po.order_lines[0].customer_cancelled_qty, 1);
    } finally {
      await c.close();
    }
  });
});
