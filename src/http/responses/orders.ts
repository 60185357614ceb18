/** Answers of /api/orders (the pack station's are pack.ts). */
import { z } from 'zod';
import { timestamp } from './common.ts';
import { ageingBuckets, slaStates } from '../../core/orders/sla.ts';

export const orderStatuses = [
  'on_hold',
  'open',
  'picking',
  'packed',
  'ready_to_ship',
  'shipped',
  'delivered',
  'cancelled',
] as const;

const id = z.number().int();
const paise = z.number().int().nullable();

/** The PO SLA clock at the time asked (src/core/orders/sla.ts); null without a PO date. */
export const slaClockAnswer = z.object({
  dispatchBy: timestamp,
  dispatchLimit: timestamp,
  state: z.enum(slaStates),
  ageHours: z.number(),
  bucket: z.enum(ageingBuckets),
  dueInHours: z.number().int(),
  label: z.string(),
});

/** What the list and the order page both say of a PO. */
const orderHead = z.object({
  id,
  channel: z.string(),
  poNumber: z.string(),
  externalId: z.string(),
  poDate: timestamp.nullable(),
  status: z.enum(orderStatuses),
  /** The marketplace's own status, kept beside Weft's, and when the order pull last saw it change. */
  marketplaceStatus: z.string().nullable(),
  marketplaceStatusAt: timestamp.nullable(),
  holdReason: z.string().nullable(),
  poAmountPaise: paise,
  createdAt: timestamp,
  dispatchedAt: timestamp.nullable(),
  sla: slaClockAnswer.nullable(),
});

export const orderSummary = orderHead.extend({
  lines: z.number().int(),
  units: z.number().int(),
  openUnits: z.number().int(),
});
export const orderPage = z.object({ items: z.array(orderSummary), next: z.string().nullable() });

export const orderLine = z.object({
  id,
  orderId: id,
  externalLineId: z.string(),
  channelSku: z.string(),
  skuId: id.nullable(),
  skuCode: z.string().nullable(),
  quantity: z.number().int(),
  cancelledQty: z.number().int(),
  /** Of cancelledQty, the units the seller cancelled through Weft. */
  sellerCancelledQty: z.number().int(),
  shortPickedQty: z.number().int(),
  packedQty: z.number().int(),
  shippedQty: z.number().int(),
  /** Quantity less cancelled, short-picked and shipped. */
  remaining: z.number().int(),
  mrpPaise: paise,
  unitPricePaise: paise,
  hsn: z.string().nullable(),
  gstRate: z.number().nullable(),
  tax: z.record(z.string(), z.unknown()).nullable(),
  pendencyItemIds: z.array(z.string()),
});

export const orderEvent = z.object({
  id,
  orderId: id,
  status: z.string(),
  note: z.string().nullable(),
  actor: z.string(),
  at: timestamp,
});

/** What the pack recorded that the marketplace cannot take (a box weighed other than it holds). */
export const orderDiscrepancy = z.object({
  kind: z.string(),
  boxCode: z.string(),
  marketplaceValue: z.number().int(),
  packedValue: z.number().int(),
  message: z.string(),
  createdAt: timestamp,
});

export const orderDetail = orderHead.extend({
  channelId: id,
  warehouseId: id,
  billTo: z.record(z.string(), z.unknown()).nullable(),
  shipTo: z.record(z.string(), z.unknown()).nullable(),
  totalTaxPaise: paise,
  updatedAt: timestamp,
  lines: z.array(orderLine),
  events: z.array(orderEvent),
  discrepancies: z.array(orderDiscrepancy),
});

export const cancelOutcome = z.object({
  order: orderDetail,
  /** True when this exact request had already been sent: nothing was sent again. */
  repeated: z.boolean(),
  lines: z.array(
    z.object({
      lineId: id,
      externalLineId: z.string(),
      quantity: z.number().int(),
      cancelled: z.boolean(),
      error: z.string().optional(),
    }),
  ),
});
