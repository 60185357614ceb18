import type { IncomingOrder, IncomingOrderLine, ParsedOrder } from '../../../core/orders/types.ts';
import { countField, FieldError, idField, isObject, optionalText, paiseField, timeField } from './fields.ts';

/**
 * AJIO purchase orders (`GET /orders`, docs/ajio-contract.md §5) → Weft-shaped orders. Rupees become
 * paise exactly, epoch seconds become Dates, AJIO's status is kept and mapped to the Weft status it
 * implies. A PO that cannot be read becomes `unreadable` with a reason naming the field, so it is kept
 * on hold rather than dropped.
 */
const statusMap: Record<string, IncomingOrder['status']> = {
  CONFIRMED: 'open',
  CANCELLED: 'cancelled',
  PACKED: 'packed',
  READY_TO_DISPATCH: 'ready_to_ship',
  DISPATCHED: 'shipped',
  DELIVERED: 'delivered',
};

function party(value: unknown, field: string): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new FieldError(`${field} is not an object`);
  const out: Record<string, unknown> = {};
  for (const key of ['name', 'gstin', 'address', 'pincode', 'state_code'] as const) {
    const text = optionalText(value, key);
    if (text !== null) out[key === 'state_code' ? 'stateCode' : key] = text;
  }
  return out;
}

function gstRate(tax: Record<string, unknown>): number | null {
  const v = tax.gst_rate;
  if (v === undefined || v === null) return null;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new FieldError(`tax_summary.gst_rate ${JSON.stringify(v)} is not a percentage`);
  return n;
}

function parseLine(line: unknown): IncomingOrderLine {
  if (!isObject(line)) throw new FieldError('the line is not an object');
  const externalLineId = idField(line, 'order_item_id');
  try {
    const quantity = countField(line, 'quantity', true)!;
    const customerCancelled = countField(line, 'customer_cancelled_qty', false) ?? 0;
    const sellerCancelled = countField(line, 'seller_cancelled_qty', false) ?? 0;
    const shortPicked = countField(line, 'seller_short_picked_qty', false) ?? 0;
    if (customerCancelled + sellerCancelled + shortPicked > quantity) {
      throw new FieldError(`cancelled and short-picked quantities add up to more than quantity ${quantity}`);
    }
    const pendency = line.pendency_item_ids ?? [];
    if (!Array.isArray(pendency) || pendency.some((p) => typeof p !== 'string' || p === '')) {
      throw new FieldError('pendency_item_ids is not a list of ids');
    }
    const taxSummary = line.tax_summary ?? null;
    if (taxSummary !== null && !isObject(taxSummary)) throw new FieldError('tax_summary is not an object');
    let tax: Record<string, unknown> | null = null;
    if (taxSummary) {
      tax = {};
      for (const part of ['cgst', 'sgst', 'igst', 'cess'] as const)
        tax[`${part}Paise`] = paiseField(taxSummary, part, false) ?? 0;
    }
    return {
      externalLineId,
      channelSku: idField(line, 'sku'),
      sellerSku: optionalText(line, 'seller_sku'),
      quantity,
      cancelledQty: customerCancelled + sellerCancelled,
      shortPickedQty: shortPicked,
      mrpPaise: paiseField(line, 'mrp', false),
      unitPricePaise: paiseField(line, 'item_base_price', true),
      hsn: optionalText(line, 'hsn'),
      gstRate: taxSummary ? gstRate(taxSummary) : null,
      tax,
      pendencyItemIds: pendency as string[],
    };
  } catch (error) {
    if (error instanceof FieldError) throw new FieldError(`line ${externalLineId}: ${error.message}`);
    throw error;
  }
}

export function parseOrder(raw: unknown): ParsedOrder {
  const poNumber =
    isObject(raw) && (typeof raw.po_number === 'string' || typeof raw.po_number === 'number')
      ? String(raw.po_number).trim()
      : '';
  const externalId =
    isObject(raw) && typeof raw.order_id === 'string' && raw.order_id.trim() ? raw.order_id.trim() : null;
  const marketplaceStatus = isObject(raw) && typeof raw.status === 'string' ? raw.status : null;
  try {
    if (!isObject(raw)) throw new FieldError('the order is not an object');
    const orderNumber = idField(raw, 'po_number');
    const status = typeof raw.status === 'string' ? statusMap[raw.status.toUpperCase()] : undefined;
    if (!status)
      throw new FieldError(`status ${JSON.stringify(raw.status)} is not one of ${Object.keys(statusMap).join(', ')}`);
    if (!Array.isArray(raw.order_lines) || raw.order_lines.length === 0)
      throw new FieldError('order_lines is missing or empty');
    const lines = raw.order_lines.map(parseLine);
    const seen = new Set<string>();
    for (const l of lines) {
      if (seen.has(l.externalLineId)) throw new FieldError(`line ${l.externalLineId} appears twice`);
      seen.add(l.externalLineId);
    }
    const order: IncomingOrder = {
      externalId: idField(raw, 'order_id'),
      poNumber: orderNumber,
      poDate: timeField(raw, 'po_date'),
      status,
      marketplaceStatus: (raw.status as string).toUpperCase(),
      billTo: party(raw.bill_to, 'bill_to'),
      shipTo: party(raw.ship_to, 'ship_to'),
      poAmountPaise: paiseField(raw, 'po_amount', false),
      totalTaxPaise: paiseField(raw, 'total_tax', false),
      lines,
      raw,
    };
    return { order };
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    const which = poNumber ? `PO ${poNumber}` : externalId ? `order ${externalId}` : 'a PO';
    return {
      unreadable: {
        poNumber,
        externalId,
        marketplaceStatus,
        raw,
        reason: `AJIO sent ${which} that Weft cannot read (${error.message}); the payload is kept: reprocess the order once AJIO corrects it.`,
      },
    };
  }
}
