import type { Wire } from '../../../../src/http/responses/common.ts';
import type { documentInfo } from '../../../../src/http/responses/documents.ts';
import type { orderDetail, orderEvent, orderLine, orderSummary } from '../../../../src/http/responses/orders.ts';
import type { marketplaceInvoice } from '../../../../src/http/responses/pack.ts';

export type OrderStatus = OrderSummary['status'];
/** Every status, for the filter: `satisfies` refuses one the server lacks, the check below one it has and this lacks. */
export const orderStatuses = [
  'on_hold',
  'open',
  'picking',
  'packed',
  'ready_to_ship',
  'shipped',
  'delivered',
  'cancelled',
] as const satisfies readonly OrderStatus[];
export const everyOrderStatusListed: [Exclude<OrderStatus, (typeof orderStatuses)[number]>] extends [never]
  ? true
  : never = true;

/** From packed on, a PO is invoiced: AJIO JIT refuses cancellation then, and so does the console. */
export const invoicedStatuses: readonly string[] = ['packed', 'ready_to_ship', 'shipped', 'delivered'];
export const packableStatuses: readonly string[] = ['open', 'picking'];

/** The answers of /api/orders and /api/documents, as the server declares them (src/http/responses/). */
export type OrderSummary = Wire<typeof orderSummary>;
export type OrderLine = Wire<typeof orderLine>;
export type OrderEvent = Wire<typeof orderEvent>;
export type OrderDetail = Wire<typeof orderDetail>;
export type DocumentInfo = Wire<typeof documentInfo>;
export type MarketplaceInvoice = Wire<typeof marketplaceInvoice>;

/** What people call each stored document: never the store's kind name. */
export const documentNames: Record<string, string> = {
  invoice: 'Invoice',
  'marketplace-invoice': "AJIO's invoice",
  'box-labels': 'Box labels',
  'marketplace-label': "AJIO's box labels",
  manifest: 'Manifest',
  'marketplace-manifest': "AJIO's manifest",
  picklist: 'Picklist',
};

/** A document's name for people; a kind this console does not know yet is still written in words. */
export const documentName = (kind: string) =>
  documentNames[kind] ?? kind.replace(/^marketplace-/, "AJIO's ").replace(/-/g, ' ');

/** The order page lists each of Weft's documents with AJIO's counterpart beside it. */
const documentOrder = [
  'invoice',
  'marketplace-invoice',
  'box-labels',
  'marketplace-label',
  'manifest',
  'marketplace-manifest',
];
export const documentRank = (kind: string) => {
  const i = documentOrder.indexOf(kind);
  return i === -1 ? documentOrder.length : i;
};
