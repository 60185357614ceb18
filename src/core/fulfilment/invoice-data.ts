import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { boxes, boxItems, orderLines, skus } from '../../db/schema.ts';
import { checkChannelTax, computeLineTax, gstRateFor, taxRegimeFor, type TaxCheckResult } from '../../tax/index.ts';
import type { InvoiceData, InvoiceLineData } from '../documents/render/invoice.ts';
import { AppError } from '../errors.ts';
import type { OrderContext } from './deps.ts';
import type { InvoiceBox } from './push-types.ts';

/**
 * Gathers what an invoice says from Weft's own records — the warehouse as supplier, the marketplace's bill-to and
 * ship-to from the PO, the packed quantities, rates from the dated GST table — kept apart from
 * rendering (render/invoice.ts) and from the marketplace call.
 */
export const istDate = (d: Date) => new Date(d.getTime() + 330 * 60_000).toISOString().slice(0, 10);

interface Party {
  name?: string;
  gstin?: string;
  address?: string;
  pincode?: string;
  stateCode?: string;
}

function party(
  value: unknown,
  what: string,
  po: string,
): Required<Pick<Party, 'name' | 'gstin' | 'stateCode'>> & Party {
  const p = (value ?? {}) as Party;
  if (!p.name || !p.gstin || !p.stateCode) {
    throw new AppError(
      'conflict',
      `PO ${po} has no complete ${what} (name, GSTIN, state code) from the marketplace, so it cannot be invoiced: reprocess the order or ask the account manager.`,
    );
  }
  return p as never;
}

export interface PackedLine {
  lineId: number;
  externalLineId: string;
  sku: string;
  name: string;
  ean: string | null;
  hsn: string;
  quantity: number;
  /** Units still ordered: the quantity less what is cancelled (the marketplace taxes these until it invoices). */
  ordered: number;
  unitPricePaise: number;
  gstRate: number | null;
  tax: Record<string, unknown> | null;
}

export async function packedLines(db: Db, orderId: number): Promise<PackedLine[]> {
  const rows = await db
    .select({ line: orderLines, sku: skus })
    .from(orderLines)
    .innerJoin(skus, eq(skus.id, orderLines.skuId))
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.id));
  return rows.map(({ line, sku }) => ({
    lineId: line.id,
    externalLineId: line.externalLineId,
    sku: sku.code,
    name: sku.name,
    ean: sku.ean,
    hsn: line.hsn || sku.hsn,
    quantity: line.packedQty,
    ordered: line.quantity - line.cancelledQty,
    unitPricePaise: line.unitPricePaise ?? 0,
    gstRate: line.gstRate === null ? null : Number(line.gstRate),
    tax: line.tax,
  }));
}

export async function invoiceBoxes(
  db: Db,
  orderId: number,
): Promise<(InvoiceBox & { boxNo: number; awb: string | null })[]> {
  const rows = await db
    .select({ box: boxes, item: boxItems, line: orderLines })
    .from(boxes)
    .innerJoin(boxItems, eq(boxItems.boxId, boxes.id))
    .innerJoin(orderLines, eq(orderLines.id, boxItems.orderLineId))
    .where(and(eq(boxes.orderId, orderId), gt(boxItems.quantity, 0)))
    .orderBy(asc(boxes.boxNo), asc(orderLines.id));
  const byBox = new Map<number, InvoiceBox & { boxNo: number; awb: string | null }>();
  for (const { box, item, line } of rows) {
    const entry = byBox.get(box.id) ?? {
      boxCode: box.boxCode,
      boxNo: box.boxNo,
      awb: box.awb,
      weightGrams: box.weightGrams ?? 1,
      lines: [],
    };
    entry.lines.push({ externalLineId: line.externalLineId, quantity: item.quantity });
    byBox.set(box.id, entry);
  }
  return [...byBox.values()];
}

/** The invoice as Weft prints it, for a number and date the marketplace gave. */
export function invoiceData(
  ctx: OrderContext,
  lines: PackedLine[],
  number: string,
  date: Date,
  boxCount: number,
): InvoiceData {
  const { order, warehouse } = ctx;
  if (!warehouse.gstin)
    throw new AppError(
      'conflict',
      `Warehouse ${warehouse.code} has no GSTIN: add it to the warehouse before invoicing.`,
    );
  const billTo = party(order.billTo, 'bill-to party', order.poNumber);
  const shipTo = party(order.shipTo, 'ship-to party', order.poNumber);
  const invoiceLines: InvoiceLineData[] = lines
    .filter((l) => l.quantity > 0)
    .map((l) => ({
      description: l.name,
      sku: l.sku,
      hsn: l.hsn,
      quantity: l.quantity,
      unit: 'PCS',
      unitPricePaise: l.unitPricePaise,
      ratePercent: gstRateFor({ hsn: l.hsn, unitValuePaise: l.unitPricePaise, date: istDate(date) }).ratePercent,
    }));
  return {
    number,
    date: istDate(date),
    poNumber: order.poNumber,
    poDate: order.poDate ? istDate(order.poDate) : undefined,
    boxCount,
    supplier: {
      name: warehouse.name,
      address: [warehouse.address, `${warehouse.city} ${warehouse.pincode}`.trim()].filter(Boolean),
      gstin: warehouse.gstin,
      stateCode: warehouse.stateCode,
    },
    recipient: {
      name: billTo.name,
      address: [billTo.address ?? '', billTo.pincode ?? ''].filter(Boolean),
      gstin: billTo.gstin,
      stateCode: billTo.stateCode,
    },
    shipTo: {
      name: shipTo.name,
      address: [shipTo.address ?? '', shipTo.pincode ?? ''].filter(Boolean),
      stateCode: shipTo.stateCode,
    },
    placeOfSupplyCode: shipTo.stateCode,
    lines: invoiceLines,
    // The marketplace issues the number and keeps a record of the values: Weft rounds as it does.
    roundOff: ctx.descriptor.policy(ctx.channel.settings).invoiceRoundOff,
    taxRounding: ctx.descriptor.capabilities.taxRounding,
  };
}

/**
 * Compares the tax the marketplace put on each PO line with Weft's own: the dated rate for the HSN and
 * unit price, CGST+SGST or IGST by place of supply, on the net quantity — the marketplace's line tax is
 * for the units left after cancellations (read back before invoicing), and so is Weft's. A line with no
 * unit left carries no tax on either side. A disagreement is flagged before invoicing.
 */
export function checkPoTax(ctx: OrderContext, lines: PackedLine[], on: Date): TaxCheckResult {
  const supplierState = ctx.warehouse.stateCode;
  const pos = (ctx.order.shipTo as Party | null)?.stateCode ?? supplierState;
  const regime = taxRegimeFor(supplierState, pos);
  const rounding = ctx.descriptor.capabilities.taxRounding;
  const withTax = lines.filter((l) => l.tax);
  const channel = withTax.map((l) => ({
    lineRef: l.externalLineId,
    ratePercent: l.gstRate ?? undefined,
    cgstPaise: Number(l.tax!.cgstPaise ?? 0),
    sgstPaise: Number(l.tax!.sgstPaise ?? 0),
    igstPaise: Number(l.tax!.igstPaise ?? 0),
    cessPaise: Number(l.tax!.cessPaise ?? 0),
  }));
  const weft = withTax.map((l) => {
    const rate = gstRateFor({ hsn: l.hsn, unitValuePaise: l.unitPricePaise, date: istDate(on) });
    const tax =
      l.ordered > 0
        ? computeLineTax(
            { quantity: l.ordered, unitPricePaise: l.unitPricePaise, ratePercent: rate.ratePercent },
            regime,
            { rounding },
          )
        : { cgstPaise: 0, sgstPaise: 0, igstPaise: 0 };
    return {
      lineRef: l.externalLineId,
      ratePercent: rate.ratePercent,
      cgstPaise: tax.cgstPaise,
      sgstPaise: tax.sgstPaise,
      igstPaise: tax.igstPaise,
      rateExplanation: rate.explanation,
    };
  });
  return checkChannelTax(channel, weft);
}
