/**
 * Every AJIO path Weft calls (docs/ajio-contract.md). A change in AJIO's spec is a change here.
 */
export const paths = {
  auth: '/authToken',
  products: '/products',
  productsCount: '/productsCount',
  pendency: '/orders/pendency',
  orders: '/orders',
  cancel: '/orders/cancel',
  invoice: '/orders/b2bInvoice',
  shipment: '/orders/shipment',
  dispatch: '/orders/dispatch',
  inventory: '/updateInventory',
  returns: '/returns',
} as const;

/** AJIO's page size cap; asking for more is refused with 400. */
export const maxPageSize = 50;
/** Entries per /updateInventory call; more is refused whole. */
export const maxInventoryBatch = 50;
/** Items per /orders/dispatch call; more is refused whole. */
export const maxDispatchItems = 250;
