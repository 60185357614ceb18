import { createOrdersFixture, ordersSeller, type OrdersFixture, type Variant } from './orders-fixture.ts';
import type { DatabaseKind } from './databases.ts';

/**
 * For the manifest and dispatch suites: the orders fixture (AJIO JIT channel on an in-process
 * sandbox) with stock on hand, and two ways to get POs ready to ship — packed through Weft's own pack
 * API (invoice and AWBs through the channel's pushes), or, in bulk, invoiced and labelled by calling
 * AJIO's invoice and shipment endpoints directly and recording the matching Weft rows (what packing
 * leaves behind), which is fast enough for hundreds of POs.
 */
export interface ReadyPo {
  id: number;
  poNumber: string;
  orderId: string;
  masterAwb: string;
  invoiceNumber: string;
  sku: string;
  units: number;
}

export interface DispatchFixture extends OrdersFixture {
  /** An AJIO call as the seller (its token), answering the JSON body; throws on a non-2xx answer. */
  ajio(method: string, path: string, body?: unknown): Promise<any>;
  /** Stock on hand through the ledger (inbound). */
  stock(sku: string, quantity: number): Promise<void>;
  onHand(sku: string): Promise<number>;
  /** One PO pulled by the orders stream and packed by scans through the API, one box per line. */
  packThroughApi(lines: { variant: Variant; quantity: number }[]): Promise<{ id: number; poNumber: string }>;
  /** `count` one-line POs, each ready to dispatch at AJIO and ready to ship in Weft. */
  readyAtAjio(count: number, variant?: (i: number) => Variant): Promise<ReadyPo[]>;
}

export async function createDispatchFixture(
  kind: DatabaseKind,
  options: { styles?: number } = {},
): Promise<DispatchFixture> {
  const f = await createOrdersFixture(kind, { styles: options.styles ?? 3 });
  let token: string | null = null;
  let box = 0;
  const ajio = async (method: string, path: string, body?: unknown) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      token ??= await f.sandbox.login(ordersSeller.username, ordersSeller.password);
      const res = await fetch(`${f.sandbox.url}${path}`, {
        method,
        headers: { apiKey: token, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 401) {
        token = null;
        continue;
      }
      const json = (await res.json()) as any;
      if (!res.ok) throw new Error(`AJIO ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    }
    throw new Error('AJIO login kept failing');
  };
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await f.t.call(method, url, { as: 'operator', body });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  return {
    ...f,
    ajio,
    async stock(sku, quantity) {
      await call('POST', '/api/inventory/movements', {
        warehouse: 'MUM1',
        sku,
        kind: 'inbound',
        quantity,
        reason: 'test stock',
      });
    },
    async onHand(sku) {
      return (await call('GET', `/api/inventory/levels/MUM1/${sku}`)).onHand;
    },
    async packThroughApi(lines) {
      const po = await f.raisePo(lines.map((l) => ({ sku: l.variant.sellerSku, quantity: l.quantity })));
      await f.run('orders');
      const id = (await call('GET', `/api/orders?q=${po.po_number}`)).items[0].id as number;
      await call('POST', '/api/picklists', { warehouse: 'MUM1', channel: f.code });
      for (const line of lines) {
        await call('POST', `/api/orders/${id}/pack/box`, { box: `LPN-${kind}-${++box}` });
        for (let u = 0; u < line.quantity; u++)
          await call('POST', `/api/orders/${id}/pack/scan`, {
            code: u % 2 ? line.variant.ean : line.variant.sellerSku,
          });
        await call('POST', `/api/orders/${id}/pack/close-box`, { weightGrams: 300 * line.quantity });
      }
      const finished = await call('POST', `/api/orders/${id}/pack/finish`, {});
      if (finished.documentsPending) throw new Error(`documents pending: ${JSON.stringify(finished.documentsPending)}`);
      return { id, poNumber: po.po_number };
    },
    async readyAtAjio(count, pick = (i) => f.variants[i % f.variants.length]) {
      const raised: { poNumber: string; variant: Variant }[] = [];
      for (let i = 0; i < count; i++) {
        const variant = pick(i);
        await f.sandbox.control.placeCustomerOrders(ordersSeller.username, [
          { lines: [{ sku: variant.sellerSku, quantity: 1 }] },
        ]);
        const [po] = await f.sandbox.control.raisePurchaseOrders(ordersSeller.username);
        raised.push({ poNumber: po.po_number, variant });
      }
      const db = f.t.database;
      const ready: ReadyPo[] = [];
      for (let i = 0; i < raised.length; i += 50) {
        const chunk = raised.slice(i, i + 50);
        const { orders } = await ajio('GET', `/orders?orderIds=${chunk.map((c) => c.poNumber).join(',')}`);
        for (const po of orders as any[]) {
          const lines = po.order_lines as { order_item_id: string; quantity: number; sku: string }[];
          const boxId = `BX-${po.po_number}`;
          const invoice = await ajio('POST', '/orders/b2bInvoice', {
            po_number: po.po_number,
            boxes: [
              {
                box_id: boxId,
                weight_grams: 450,
                lines: lines.map((l) => ({ order_item_id: l.order_item_id, quantity: l.quantity })),
              },
            ],
          });
          const shipment = await ajio('POST', '/orders/shipment', { po_number: po.po_number });
          const variant = chunk.find((c) => c.poNumber === po.po_number)!.variant;
          const units = lines.reduce((a, l) => a + l.quantity, 0);
          const {
            rows: [order],
          } = await db.query<{ id: number }>(
            `insert into orders (channel_id, warehouse_id, external_id, po_number, po_date, status, marketplace_status)
            values ($1, (select warehouse_id from channels where id = $1), $2, $3, to_timestamp($4), 'ready_to_ship', 'READY_TO_DISPATCH') returning id`,
            [f.channelId, po.order_id, po.po_number, po.po_date],
          );
          const id = Number(order.id);
          for (const l of lines) {
            await db.query(
              `insert into order_lines (order_id, external_line_id, channel_sku, sku_id, quantity, packed_qty)
              values ($1, $2, $3, (select sku_id from channel_listings where channel_id = $4 and channel_sku = $3), $5, $5)`,
              [id, l.order_item_id, l.sku, f.channelId, l.quantity],
            );
          }
          await db.query(
            `insert into boxes (order_id, box_code, box_no, status, weight_grams, awb, closed_at) values ($1, $2, 1, 'closed', 450, $3, now())`,
            [id, boxId, shipment.boxes[0].awb],
          );
          await db.query(
            `insert into invoices (order_id, invoice_number, invoice_date, taxable_paise, tax_paise, total_paise)
            values ($1, $2, to_timestamp($3), $4, $5, $6)`,
            [
              id,
              invoice.invoice_number,
              invoice.invoice_date,
              Math.round(invoice.taxable_value * 100),
              Math.round(invoice.total_tax * 100),
              Math.round(invoice.invoice_value * 100),
            ],
          );
          await db.query(`insert into shipments (order_id, master_awb, label_source) values ($1, $2, 'marketplace')`, [
            id,
            shipment.master_awb,
          ]);
          ready.push({
            id,
            poNumber: po.po_number,
            orderId: po.order_id,
            masterAwb: shipment.master_awb,
            invoiceNumber: invoice.invoice_number,
            sku: variant.sellerSku,
            units,
          });
        }
      }
      return ready;
    },
  };
}
