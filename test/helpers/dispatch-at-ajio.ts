import assert from 'node:assert/strict';
import { seller, type InventoryFixture, type Listing } from './inventory-fixture.ts';

export interface DispatchedPo {
  po_number: string;
  order_id: string;
  order_lines: { order_item_id: string; sku: string }[];
}

/**
 * Customer order → PO → invoice → shipment → dispatch through AJIO's own API (the sandbox), so the PO
 * can be returned; for suites about returns that do not need Weft's pack flow.
 */
export async function dispatchAtAjio(
  f: InventoryFixture,
  lines: { listing: Listing; quantity: number }[],
): Promise<DispatchedPo> {
  const token = await f.sandbox.login(seller.username, seller.password);
  const ajio = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${f.sandbox.url}${path}`, {
      method,
      headers: { apiKey: token, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as any;
    assert.ok(response.ok, JSON.stringify(json));
    return json;
  };
  await f.sandbox.control.placeCustomerOrders(seller.username, [
    { lines: lines.map((l) => ({ sku: l.listing.channelSku, quantity: l.quantity })) },
  ]);
  const [raised] = await f.sandbox.control.raisePurchaseOrders(seller.username);
  const {
    orders: [po],
  } = await ajio('GET', `/orders?orderIds=${raised.po_number}`);
  const invoice = await ajio('POST', '/orders/b2bInvoice', {
    po_number: po.po_number,
    boxes: [
      {
        box_id: `BOX-${po.po_number}`,
        weight_grams: 500,
        lines: po.order_lines.map((l: { order_item_id: string; quantity: number }) => ({
          order_item_id: l.order_item_id,
          quantity: l.quantity,
        })),
      },
    ],
  });
  const shipment = await ajio('POST', '/orders/shipment', { po_number: po.po_number });
  await ajio('POST', '/orders/dispatch', {
    dispatchItems: [{ masterAWB: shipment.master_awb, orderId: po.order_id, invoiceNo: invoice.invoice_number }],
  });
  return po as DispatchedPo;
}
