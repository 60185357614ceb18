import type { OrderStatus } from '../../db/schema.ts';

/**
 * A marketplace purchase order in Weft's terms, as a channel's parser hands it to the core: money in
 * paise, times as Dates, the marketplace's own status kept as text next to the Weft status it implies.
 */
export interface IncomingOrderLine {
  externalLineId: string;
  channelSku: string;
  /** The seller's own SKU code as the marketplace knows it, shown in hold reasons. */
  sellerSku: string | null;
  quantity: number;
  /** Cancelled at the marketplace, by the customer or the seller. */
  cancelledQty: number;
  shortPickedQty: number;
  mrpPaise: number | null;
  unitPricePaise: number | null;
  hsn: string | null;
  gstRate: number | null;
  tax: Record<string, unknown> | null;
  /** Back-order (pendency) lines this PO line was made from: their reservation becomes this allocation. */
  pendencyItemIds: string[];
}

export interface IncomingOrder {
  externalId: string;
  poNumber: string;
  poDate: Date | null;
  /** The Weft status the marketplace's status implies (open for a confirmed PO). */
  status: Exclude<OrderStatus, 'on_hold'>;
  marketplaceStatus: string;
  billTo: Record<string, unknown> | null;
  shipTo: Record<string, unknown> | null;
  poAmountPaise: number | null;
  totalTaxPaise: number | null;
  lines: IncomingOrderLine[];
  /** The marketplace's payload as received, kept for reprocessing. */
  raw: unknown;
}

/** A PO that could not be read: kept on hold with the reason, never dropped. */
export interface UnreadableOrder {
  poNumber: string;
  externalId: string | null;
  marketplaceStatus: string | null;
  reason: string;
  raw: unknown;
}

export type ParsedOrder = { order: IncomingOrder } | { unreadable: UnreadableOrder };

/** What became of one PO in a pull: the shape a sync run records. */
export interface IngestResult {
  poNumber: string;
  orderId: number;
  outcome: 'created' | 'updated' | 'unchanged' | 'failed';
  message?: string;
}
