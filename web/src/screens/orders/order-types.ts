/** What the order endpoints answer, as far as the console uses it. */
export const orderStatuses = ['on_hold', 'open', 'picking', 'packed', 'ready_to_ship', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** From packed on, a PO is invoiced: AJIO JIT refuses cancellation then, and so does the console. */
export const invoicedStatuses: readonly string[] = ['packed', 'ready_to_ship', 'shipped', 'delivered'];
export const packableStatuses: readonly string[] = ['open', 'picking'];

/** What the list and the order page both say of a PO. */
interface OrderHead {
  id: number;
  channel: string;
  poNumber: string;
  externalId: string;
  poDate: string | null;
  status: OrderStatus;
  /** AJIO's own status, kept beside Weft's, and when the order pull last saw it change. */
  marketplaceStatus: string | null;
  marketplaceStatusAt: string | null;
  holdReason: string | null;
  poAmountPaise: number | null;
}

export interface OrderSummary extends OrderHead {
  lines: number;
  units: number;
  openUnits: number;
}

export interface OrderLine {
  id: number;
  externalLineId: string;
  channelSku: string;
  skuCode: string | null;
  quantity: number;
  cancelledQty: number;
  shortPickedQty: number;
  packedQty: number;
  shippedQty: number;
  remaining: number;
  unitPricePaise: number | null;
}

export interface OrderEvent {
  id: number;
  status: string;
  note: string | null;
  actor: string;
  at: string;
}

export interface OrderDetail extends OrderHead {
  lines: OrderLine[];
  events: OrderEvent[];
  /** What the pack recorded that AJIO cannot take (a box weighed other than AJIO holds). */
  discrepancies: { kind: string; boxCode: string; marketplaceValue: number; packedValue: number; message: string }[];
}

export interface DocumentInfo {
  id: number;
  kind: string;
  reference: string;
  createdAt: string;
  url: string;
}

export const documentNames: Record<string, string> = {
  invoice: 'Invoice', 'box-labels': 'Box labels', manifest: 'Manifest', picklist: 'Picklist',
};
