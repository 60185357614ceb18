import type { Wire } from '../../../../src/http/responses/common.ts';
import type { backorder, backorderSkuSummary } from '../../../../src/http/responses/back-orders.ts';

/** A back-order line, as GET /api/channels/:code/backorders answers it. */
export type BackorderLine = Wire<typeof backorder>;

/** Pendency of one channel SKU, as GET /api/channels/:code/backorders/by-sku answers it. */
export type BackorderSku = Wire<typeof backorderSkuSummary>;

export const lineStatusOptions = [
  { value: 'open', label: 'Open' },
  { value: 'exception', label: 'Exception' },
  { value: 'released', label: 'Released (cancelled by the customer)' },
  { value: 'converted', label: 'Converted (taken into a PO)' },
];

export const showOptions = [
  { value: 'exception', label: 'Exceptions only' },
  { value: 'open', label: 'Open only' },
];
