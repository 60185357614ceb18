// POST /orders/shipment (dummy box-wise AWBs and labels) and POST /orders/dispatch (manifest).
import { badRequest, conflict, notFound } from './errors.ts';
import { awbNumber, manifestId } from './ids.ts';
import { effectiveQty, manifestUrl, touch, type PurchaseOrder } from './purchase-orders.ts';
import type { ManifestItem, Seller } from './seller.ts';
import { arr, asObject, batchStatus, str } from './validate.ts';

export const MAX_DISPATCH_ITEMS = 250;

export const labelUrl = (base: string, po: PurchaseOrder) => `${base}/documents/labels/${po.poNumber}.pdf`;

function shipmentJson(po: PurchaseOrder, base: string) {
  const s = po.shipment!;
  return {
    po_number: po.poNumber,
    order_id: po.orderId,
    master_awb: s.masterAwb,
    boxes: s.boxes.map((b) => ({ box_id: b.boxId, awb: b.awb })),
    label_url: labelUrl(base, po),
  };
}

export function createShipment(seller: Seller, now: number, base: string, raw: unknown) {
  const body = asObject(raw);
  const poNo = str(body, 'po_number')!;
  const po = seller.posByNumber.get(poNo);
  if (!po) throw notFound(`PO_NOT_FOUND: ${poNo}`);
  if (po.shipment) return shipmentJson(po, base); // repeating the call gives the same AWBs
  if (po.status !== 'PACKED' || !po.invoice)
    throw conflict(`INVALID_PO_STATUS: PO ${poNo} is ${po.status}; generate the invoice first`);
  // One child AWB per box; the first box's AWB is the master.
  const boxes = po.invoice.boxes.map((b) => ({
    boxId: b.boxId,
    awb: awbNumber(seller.idPrefix, ++seller.counters.awb),
  }));
  po.shipment = { masterAwb: boxes[0].awb, boxes, createdAt: now };
  po.status = 'READY_TO_DISPATCH';
  touch(po);
  const response = shipmentJson(po, base);
  seller.received.push(seller.received.shipments, { receivedAt: now, ...response });
  return response;
}

interface DispatchItem {
  masterAWB?: string;
  orderId?: string;
  invoiceNo?: string;
}

function checkItem(seller: Seller, item: DispatchItem, seen: Set<string>): { po?: PurchaseOrder; error?: string } {
  const orderId = item.orderId ?? '';
  const po = seller.posByOrderId.get(orderId) ?? seller.posByNumber.get(orderId);
  if (!po) return { error: 'ORDER_NOT_FOUND' };
  if (seen.has(po.orderId)) return { error: 'DUPLICATE_ORDER_IN_REQUEST' };
  seen.add(po.orderId);
  if (po.status === 'DISPATCHED' || po.status === 'DELIVERED')
    return { error: `ORDER_ALREADY_DISPATCHED: manifest ${po.manifestId}` };
  if (po.status !== 'READY_TO_DISPATCH') return { error: `ORDER_NOT_READY_TO_DISPATCH: order is ${po.status}` };
  if (item.masterAWB !== po.shipment!.masterAwb) return { error: 'MASTER_AWB_MISMATCH' };
  if (item.invoiceNo !== po.invoice!.number) return { error: 'INVOICE_NUMBER_MISMATCH' };
  return { po };
}

export function dispatch(seller: Seller, now: number, base: string, raw: unknown) {
  const body = asObject(raw);
  const items = arr(body, 'dispatchItems')!;
  if (items.length === 0) throw badRequest('dispatchItems must not be empty');
  if (items.length > MAX_DISPATCH_ITEMS)
    throw badRequest(`at most ${MAX_DISPATCH_ITEMS} dispatchItems per call (got ${items.length})`);
  const seen = new Set<string>();
  const ok: PurchaseOrder[] = [];
  const failedDispatchItems: { orderId: string; errorMessage: string }[] = [];
  for (const [i, rawItem] of items.entries()) {
    const item = asObject(rawItem, `dispatchItems[${i}]`) as DispatchItem;
    const { po, error } = checkItem(seller, item, seen);
    if (po) ok.push(po);
    else failedDispatchItems.push({ orderId: String(item.orderId ?? ''), errorMessage: error! });
  }
  let id: string | null = null;
  if (ok.length > 0) {
    id = manifestId(seller.idPrefix, ++seller.counters.manifest);
    const manifestItems: ManifestItem[] = ok.map((po) => {
      po.status = 'DISPATCHED';
      po.dispatchedAt = now;
      po.manifestId = id!;
      touch(po);
      let units = 0;
      for (const line of po.lines) {
        const q = effectiveQty(line);
        units += q;
        seller.catalog.blocked.add(line.variant, -q);
      }
      for (const box of po.invoice!.boxes)
        if (seller.boxesInUse.get(box.boxId) === po.poNumber) seller.boxesInUse.delete(box.boxId);
      seller.dispatchOrder.push(po.index);
      return {
        orderId: po.orderId,
        poNumber: po.poNumber,
        invoiceNo: po.invoice!.number,
        masterAwb: po.shipment!.masterAwb,
        boxes: po.shipment!.boxes.length,
        units,
      };
    });
    seller.manifests.set(id, { id, createdAt: now, items: manifestItems });
  }
  const response = {
    status: batchStatus(items.length, failedDispatchItems.length),
    manifestId: id,
    manifestUrl: id ? manifestUrl(base, id) : null,
    failedDispatchItems,
  };
  seller.received.push(seller.received.manifests, { receivedAt: now, request: items, ...response });
  return response;
}
