import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { NO_PDFTOTEXT, NO_ZBAR, SELLER, barcodes, packAndShip, pdfText, poFor, setup, type Ctx } from './helpers.ts';

describe('sandbox: invoice, shipment, dispatch, returns', () => {
  let ctx: Ctx;
  const sku = (i: number, j = 0) => ctx.catalog[i].variants[j].sku;
  before(async () => {
    ctx = await setup({ styles: 12, invoiceEnd: 99, market: { poEverySeconds: 0, deliverAfterSeconds: 86_400 } });
  });
  after(() => ctx.close());

  test('invoice: number from the series, short picks, PACKED, idempotent per PO', async () => {
    const po = await poFor(ctx, [
      { sku: sku(0), quantity: 3 },
      { sku: sku(1), quantity: 1 },
    ]);
    const [a, b] = po.order_lines;
    const body = {
      po_number: po.po_number,
      boxes: [{ box_id: 'LPN-1', weight_grams: 800, lines: [{ order_item_id: a.order_item_id, quantity: 2 }] }],
    };
    const res = await ctx.api.post('/orders/b2bInvoice', body);
    assert.equal(res.status, 200);
    assert.equal(res.body.invoice_number, 'INV/01');
    for (const k of ['invoice_date', 'invoice_url', 'taxable_value', 'total_tax', 'invoice_value'])
      assert.ok(k in res.body, k);
    assert.equal(res.body.invoice_value, Math.round((res.body.taxable_value + res.body.total_tax) * 100) / 100);
    const again = await ctx.api.post('/orders/b2bInvoice', {
      ...body,
      boxes: [{ box_id: 'OTHER', weight_grams: 1, lines: [{ order_item_id: b.order_item_id, quantity: 1 }] }],
    });
    assert.deepEqual(again.body, res.body, 'same invoice for the same PO');
    const now = (await ctx.api.get(`/orders?orderIds=${po.order_id}`)).body.orders[0];
    assert.equal(now.status, 'PACKED');
    assert.equal(now.order_lines[0].seller_short_picked_qty, 1);
    assert.equal(now.order_lines[1].seller_short_picked_qty, 1);
    const received = await ctx.sb.control.received(SELLER, 'invoices');
    assert.equal(received.items.length, 1);
    assert.equal(received.items[0].boxes[0].box_id, 'LPN-1');
    const pdf = await ctx.api.pdf(res.body.invoice_url);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.type, 'application/pdf');
  });

  test('invoice validation: unknown PO 404, foreign item 400, over-pack 400, box of an undispatched PO 409', async () => {
    assert.equal((await ctx.api.post('/orders/b2bInvoice', { po_number: 'NOPE', boxes: [] })).status, 404);
    const po = await poFor(ctx, [{ sku: sku(2), quantity: 1 }]);
    const line = po.order_lines[0].order_item_id;
    const box = (id: string, item = line, quantity = 1) => ({
      po_number: po.po_number,
      boxes: [{ box_id: id, weight_grams: 100, lines: [{ order_item_id: item, quantity }] }],
    });
    assert.equal((await ctx.api.post('/orders/b2bInvoice', box('B1', 'OD0-1'))).status, 400);
    assert.equal((await ctx.api.post('/orders/b2bInvoice', box('B1', line, 2))).status, 400);
    assert.equal((await ctx.api.post('/orders/b2bInvoice', { po_number: po.po_number })).status, 400);
    const conflict = await ctx.api.post('/orders/b2bInvoice', box('LPN-1'));
    assert.equal(conflict.status, 409);
    assert.deepEqual(Object.keys(conflict.body), ['success', 'statusCode', 'errorMessage']);
    assert.match(conflict.body.errorMessage, /BOX_ID_IN_USE/);
    assert.equal((await ctx.api.post('/orders/b2bInvoice', box('LPN-2'))).status, 200);
  });

  test('shipment: master AWB = first child AWB, one per box, READY_TO_DISPATCH; labels PDF', async () => {
    const po = await poFor(ctx, [
      { sku: sku(3), quantity: 1 },
      { sku: sku(4), quantity: 2 },
    ]);
    assert.equal((await ctx.api.post('/orders/shipment', { po_number: po.po_number })).status, 409, 'invoice first');
    const { invoice, shipment } = await packAndShip(ctx, po);
    assert.equal(shipment.boxes.length, 2);
    assert.equal(shipment.master_awb, shipment.boxes[0].awb);
    assert.notEqual(shipment.boxes[0].awb, shipment.boxes[1].awb);
    const repeat = await ctx.api.post('/orders/shipment', { po_number: po.po_number });
    assert.deepEqual(repeat.body, shipment, 'repeating returns the same AWBs');
    assert.equal((await ctx.api.get(`/orders?orderIds=${po.order_id}`)).body.orders[0].status, 'READY_TO_DISPATCH');
    const label = await ctx.api.pdf(shipment.label_url);
    assert.equal(label.status, 200);
    assert.equal(label.type, 'application/pdf');
    assert.equal(label.bytes.subarray(0, 5).toString(), '%PDF-');
    const noKey = await fetch(shipment.label_url);
    assert.equal(noKey.status, 401, 'documents need the apiKey');
    (ctx as any).shipped = { po, invoice, shipment, label: label.bytes };
  });

  test('labels PDF: one page per box with PO, invoice and AWB text', { skip: NO_PDFTOTEXT }, () => {
    const { po, invoice, shipment, label } = (ctx as any).shipped;
    const text = pdfText(label);
    const pages = text.split('\f').filter((p: string) => p.trim());
    assert.equal(pages.length, 2, 'one label per box');
    for (const [i, page] of pages.entries()) {
      assert.match(page, new RegExp(po.po_number));
      assert.ok(page.includes(invoice.invoice_number));
      assert.ok(page.includes(`AWB ${shipment.boxes[i].awb}`));
      assert.ok(page.includes(`Box ${i + 1} of 2`));
    }
  });

  test('labels PDF: AWBs are Code 128 barcodes', { skip: NO_ZBAR }, () => {
    const { shipment, label } = (ctx as any).shipped;
    assert.deepEqual(barcodes(label).sort(), shipment.boxes.map((b: any) => b.awb).sort());
  });

  test('dispatch: manifest, failedDispatchItems, DISPATCHED, then DELIVERED; box ids free again', async () => {
    const { po, invoice, shipment } = (ctx as any).shipped;
    const packedOnly = await poFor(ctx, [{ sku: sku(5) }]);
    await ctx.api.post('/orders/b2bInvoice', {
      po_number: packedOnly.po_number,
      boxes: [
        {
          box_id: 'PK-1',
          weight_grams: 100,
          lines: [{ order_item_id: packedOnly.order_lines[0].order_item_id, quantity: 1 }],
        },
      ],
    });
    const second = await poFor(ctx, [{ sku: sku(6) }]);
    const s2 = await packAndShip(ctx, second);
    const res = await ctx.api.post('/orders/dispatch', {
      dispatchItems: [
        { masterAWB: shipment.master_awb, orderId: po.order_id, invoiceNo: invoice.invoice_number },
        { masterAWB: s2.shipment.master_awb, orderId: second.order_id, invoiceNo: 'WRONG' },
        { masterAWB: 'X', orderId: packedOnly.order_id, invoiceNo: 'X' },
        { masterAWB: 'X', orderId: 'OD_UNKNOWN', invoiceNo: 'X' },
      ],
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'PARTIAL_SUCCESS');
    assert.match(res.body.manifestId, /^MF/);
    assert.deepEqual(
      res.body.failedDispatchItems.map((f: any) => [f.orderId, f.errorMessage.split(':')[0]]),
      [
        [second.order_id, 'INVOICE_NUMBER_MISMATCH'],
        [packedOnly.order_id, 'ORDER_NOT_READY_TO_DISPATCH'],
        ['OD_UNKNOWN', 'ORDER_NOT_FOUND'],
      ],
    );
    assert.equal((await ctx.api.get(`/orders?orderIds=${po.order_id}`)).body.orders[0].status, 'DISPATCHED');
    const twice = await ctx.api.post('/orders/dispatch', {
      dispatchItems: [{ masterAWB: shipment.master_awb, orderId: po.order_id, invoiceNo: invoice.invoice_number }],
    });
    assert.equal(twice.body.status, 'FAILED');
    assert.equal(twice.body.manifestId, null);
    const manifest = await ctx.api.pdf(res.body.manifestUrl);
    assert.equal(manifest.status, 200);
    assert.equal(manifest.bytes.subarray(0, 5).toString(), '%PDF-');
    (ctx as any).manifest = { pdf: manifest.bytes, id: res.body.manifestId, po, invoice, shipment };
    // Box ids of a dispatched PO may be used again.
    const reuse = await poFor(ctx, [{ sku: sku(7) }]);
    const box = shipment.boxes[0].box_id;
    assert.equal(
      (
        await ctx.api.post('/orders/b2bInvoice', {
          po_number: reuse.po_number,
          boxes: [
            {
              box_id: box,
              weight_grams: 1,
              lines: [{ order_item_id: reuse.order_lines[0].order_item_id, quantity: 1 }],
            },
          ],
        })
      ).status,
      200,
    );
    await ctx.sb.control.advanceClock(86_400);
    assert.equal((await ctx.api.get(`/orders?orderIds=${po.order_id}`)).body.orders[0].status, 'DELIVERED');
    const received = await ctx.sb.control.received(SELLER, 'manifests');
    assert.equal(received.items.length, 2);
    assert.equal((await ctx.sb.control.received(SELLER, 'shipments')).items.length, 2);
  });

  test('manifest PDF lists PO, invoice number and master AWB, with barcodes', { skip: NO_PDFTOTEXT }, () => {
    const { pdf, id, po, invoice, shipment } = (ctx as any).manifest;
    const text = pdfText(pdf);
    for (const s of [id, po.order_id, po.po_number, invoice.invoice_number, shipment.master_awb])
      assert.ok(text.includes(s), s);
    if (!NO_ZBAR) {
      const codes = barcodes(pdf);
      assert.ok(codes.includes(shipment.master_awb), `barcodes: ${codes}`);
      assert.ok(codes.includes(id));
    }
  });

  test('dispatch of more than 250 items is refused whole with 400', async () => {
    const items = Array.from({ length: 251 }, (_, i) => ({ masterAWB: 'X', orderId: `OD${i}`, invoiceNo: 'X' }));
    const res = await ctx.api.post('/orders/dispatch', { dispatchItems: items });
    assert.equal(res.status, 400);
    assert.equal(res.body.success, false);
    const ok = await ctx.api.post('/orders/dispatch', { dispatchItems: items.slice(0, 250) });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.failedDispatchItems.length, 250);
  });

  test('PUT /orders/b2bInvoice records the seller e-invoice (IRN) and serves its PDF', async () => {
    const po = await poFor(ctx, [{ sku: sku(8) }]);
    const { invoice } = await packAndShip(ctx, po);
    const irn = 'a'.repeat(64);
    const pdf = Buffer.from('%PDF-1.4\n% seller invoice\n%%EOF\n');
    const upd = {
      po_number: po.po_number,
      invoice_number: invoice.invoice_number,
      irn,
      signed_qr_code: 'eyJhbGciOi...',
      ack_no: '112410000000001',
      ack_date: '2025-01-31 10:00:00',
      invoice_pdf: pdf.toString('base64'),
    };
    assert.equal((await ctx.api.put('/orders/b2bInvoice', { ...upd, irn: 'short' })).status, 400);
    assert.equal((await ctx.api.put('/orders/b2bInvoice', { ...upd, invoice_number: 'INV/00' })).status, 400);
    const res = await ctx.api.put('/orders/b2bInvoice', upd);
    assert.equal(res.status, 200);
    assert.equal(res.body.irn, irn);
    const got = await ctx.api.pdf(res.body.invoice_url);
    assert.deepEqual(got.bytes, pdf);
    const rec = await ctx.sb.control.received(SELLER, 'einvoice-updates');
    assert.equal(rec.items[0].irn, irn);
    assert.equal(rec.items[0].invoice_pdf_bytes, pdf.length);
  });

  test('returns of dispatched POs: created via control, listed with createdFrom/createdTo and paging', async () => {
    const { po } = (ctx as any).manifest;
    assert.equal(
      await ctx.sb.control
        .createReturns(SELLER, [{ po_number: (await poFor(ctx, [{ sku: sku(9) }])).po_number }])
        .catch((e) => e.status),
      400,
    );
    const t0 = (await ctx.sb.control.clock()).now;
    const [r] = await ctx.sb.control.createReturns(SELLER, [
      { po_number: po.po_number, quantity: 1, reason: 'SIZE_ISSUE' },
    ]);
    assert.equal(r.po_number, po.po_number);
    await ctx.sb.control.advanceClock(7200);
    const more = await ctx.sb.control.createReturns(SELLER, { count: 2, seed: 3 });
    assert.ok(more.length >= 1);
    const all = await ctx.api.get('/returns?pageSize=50');
    assert.equal(all.status, 200);
    assert.equal(all.body.page.totalElements, 1 + more.length);
    for (const k of [
      'return_id',
      'po_number',
      'order_item_id',
      'sku',
      'quantity',
      'reason',
      'awb',
      'created_at',
      'status',
    ])
      assert.ok(k in all.body.returns[0], k);
    const early = await ctx.api.get(`/returns?createdFrom=${t0}&createdTo=${t0 + 60}`);
    assert.deepEqual(
      early.body.returns.map((x: any) => x.return_id),
      [r.return_id],
    );
    const p2 = await ctx.api.get('/returns?pageSize=1&pageNumber=2');
    assert.equal(p2.body.returns.length, 1);
    assert.equal((await ctx.api.get('/returns?pageSize=500')).status, 400);
  });

  test('an exhausted invoice series is an error (422)', async () => {
    const small = await setup({ styles: 2, invoiceEnd: 1, market: { poEverySeconds: 0 } });
    try {
      await packAndShip(small, await poFor(small, [{ sku: small.catalog[0].variants[0].sku }]));
      const po = await poFor(small, [{ sku: small.catalog[1].variants[0].sku }]);
      const res = await small.api.post('/orders/b2bInvoice', {
        po_number: po.po_number,
        boxes: [
          { box_id: 'Z', weight_grams: 1, lines: [{ order_item_id: po.order_lines[0].order_item_id, quantity: 1 }] },
        ],
      });
      assert.equal(res.status, 422);
      assert.match(res.body.errorMessage, /INVOICE_SERIES_EXHAUSTED/);
      assert.equal((await small.api.get(`/orders?orderIds=${po.order_id}`)).body.orders[0].status, 'CONFIRMED');
    } finally {
      await small.close();
    }
  });
});
