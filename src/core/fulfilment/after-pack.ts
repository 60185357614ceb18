import { listDocuments, type DocumentInfo } from '../documents/store.ts';
import type { FulfilmentDeps } from './deps.ts';
import { invoiceOrder, type Invoice } from './invoicing.ts';
import { labelOrder, type Shipment } from './labels.ts';
import { storeMarketplaceInvoice } from './marketplace-invoice.ts';

/**
 * What follows a finished pack: the invoice (and e-invoice), then the shipment's AWBs and box labels,
 * then the marketplace's own invoice PDF.
 * Each step is idempotent, so running this again after a failure continues where it stopped.
 */
export interface PackDocuments {
  invoice: Invoice;
  shipment: Shipment;
  documents: DocumentInfo[];
}

export async function completePackDocuments(
  deps: FulfilmentDeps,
  orderId: number,
  actor: string,
  options: { acceptTaxDifference?: boolean } = {},
): Promise<PackDocuments> {
  const invoice = await invoiceOrder(deps, orderId, actor, options);
  const shipment = await labelOrder(deps, orderId, actor);
  // The marketplace's PDF of the invoice: a failure is flagged on the invoice and retried later,
  // never a reason for the pack to fail.
  await storeMarketplaceInvoice(deps, invoice, actor);
  return { invoice, shipment, documents: await listDocuments(deps.database.db, { orderId }) };
}
