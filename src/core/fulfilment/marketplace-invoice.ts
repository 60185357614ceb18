import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { documents, invoices, orderEvents, type MarketplacePdfStatus } from '../../db/schema.ts';
import { storeDocument } from '../documents/store.ts';
import { AppError } from '../errors.ts';
import { loadOrderContext, type FulfilmentDeps } from './deps.ts';
import { activeInvoice, type Invoice } from './invoicing.ts';

/**
 * The marketplace's own invoice PDF (the legal invoice when the seller does not e-invoice itself):
 * fetched from the address the marketplace's invoice answer gave and kept in the documents store as
 * a 'marketplace-invoice', beside Weft's rendering. A fetch that fails never holds up the pack: the
 * invoice is flagged with the reason, and the retry job (or a person, from the order page) fetches it
 * again later.
 */
export interface MarketplaceInvoiceState {
  invoiceNumber: string;
  status: MarketplacePdfStatus;
  error: string | null;
  attempts: number;
  checkedAt: Date | null;
  /** The stored PDF, once it is stored. */
  documentId: number | null;
}

/** Minutes between automatic attempts, growing with each failure up to a day. */
const retryAfterMinutes = (attempts: number) => Math.min(5 * 2 ** Math.max(attempts - 1, 0), 24 * 60);

async function stateOf(deps: FulfilmentDeps, invoice: Invoice): Promise<MarketplaceInvoiceState> {
  const [doc] = await deps.database.db
    .select({ id: documents.id })
    .from(documents)
    .where(
      and(
        eq(documents.kind, 'marketplace-invoice'),
        eq(documents.reference, invoice.invoiceNumber),
        eq(documents.orderId, invoice.orderId),
        isNull(documents.voidedAt),
      ),
    )
    .limit(1);
  return {
    invoiceNumber: invoice.invoiceNumber,
    status: invoice.marketplacePdfStatus,
    error: invoice.marketplacePdfError,
    attempts: invoice.marketplacePdfAttempts,
    checkedAt: invoice.marketplacePdfCheckedAt,
    documentId: doc?.id ?? null,
  };
}

/** The order's active invoice's marketplace PDF, as the order page shows it; null before invoicing. */
export async function marketplaceInvoiceOf(
  deps: FulfilmentDeps,
  orderId: number,
): Promise<MarketplaceInvoiceState | null> {
  const invoice = await activeInvoice(deps, orderId);
  return invoice ? stateOf(deps, invoice) : null;
}

/**
 * Fetches and stores the marketplace's PDF of an invoice, or flags the invoice with why it could not.
 * Never throws for a failed fetch: the caller (the pack) goes on. Already stored, or no address
 * given: nothing to do.
 */
export async function storeMarketplaceInvoice(
  deps: FulfilmentDeps,
  invoice: Invoice,
  actor: string,
): Promise<MarketplaceInvoiceState> {
  if (invoice.status !== 'active' || !invoice.marketplacePdfUrl || invoice.marketplacePdfStatus === 'stored')
    return stateOf(deps, invoice);
  const db = deps.database.db;
  const ctx = await loadOrderContext(deps, invoice.orderId);
  const name = ctx.descriptor.displayName;
  let outcome: { status: MarketplacePdfStatus; error: string | null };
  try {
    if (!ctx.descriptor.fetchDocument)
      throw new AppError('conflict', `${name} channels cannot fetch documents from the marketplace.`);
    if (!ctx.channel.credentials)
      throw new AppError('conflict', `Channel ${ctx.channel.code} has no interface credentials.`);
    const pdf = await ctx.descriptor.fetchDocument(
      {
        database: deps.database,
        channel: {
          id: ctx.channel.id,
          code: ctx.channel.code,
          name: ctx.channel.name,
          warehouseId: ctx.channel.warehouseId,
          warehouseCode: ctx.warehouse.code,
        },
        settings: ctx.channel.settings,
        credentials: deps.secrets.openJson(ctx.channel.credentials),
      },
      invoice.marketplacePdfUrl,
    );
    await storeDocument(db, {
      kind: 'marketplace-invoice',
      source: 'marketplace',
      bytes: pdf,
      orderId: invoice.orderId,
      reference: invoice.invoiceNumber,
      createdBy: actor,
    });
    outcome = { status: 'stored', error: null };
  } catch (error) {
    outcome = {
      status: 'failed',
      error: `${name}'s PDF of invoice ${invoice.invoiceNumber} could not be fetched or stored: ${(error as Error).message} Weft tries again every few minutes; "Fetch again" on the order page tries now.`,
    };
  }
  const [updated] = await db
    .update(invoices)
    .set({
      marketplacePdfStatus: outcome.status,
      marketplacePdfError: outcome.error,
      marketplacePdfAttempts: sql`${invoices.marketplacePdfAttempts} + 1`,
      marketplacePdfCheckedAt: new Date(),
    })
    .where(and(eq(invoices.id, invoice.id), inArray(invoices.marketplacePdfStatus, ['pending', 'failed'])))
    .returning();
  // The first failure and the success after failures go on the timeline; repeats of a failure do not.
  if (
    updated &&
    (outcome.status === 'stored' ? invoice.marketplacePdfStatus === 'failed' : invoice.marketplacePdfAttempts === 0)
  ) {
    await db.insert(orderEvents).values({
      orderId: invoice.orderId,
      status: ctx.order.status,
      actor,
      note:
        outcome.status === 'stored' ? `${name}'s invoice PDF ${invoice.invoiceNumber} stored.` : (outcome.error ?? ''),
    });
  }
  return stateOf(deps, updated ?? invoice);
}

/** "Fetch again" on the order page: now, whatever the retry schedule says. */
export async function retryMarketplaceInvoice(
  deps: FulfilmentDeps,
  orderId: number,
  actor: string,
): Promise<MarketplaceInvoiceState> {
  const invoice = await activeInvoice(deps, orderId);
  if (!invoice)
    throw new AppError('conflict', `Order ${orderId} has no invoice yet: the marketplace's PDF comes with it.`);
  if (invoice.marketplacePdfStatus === 'none')
    throw new AppError(
      'conflict',
      `The marketplace gave no address for the PDF of invoice ${invoice.invoiceNumber}: there is nothing to fetch.`,
    );
  return storeMarketplaceInvoice(deps, invoice, actor);
}

/**
 * The retry path: active invoices whose marketplace PDF is still to fetch (pending: the pack's own
 * attempt never ran; failed: it did, and failed), each when its back-off has passed.
 */
export async function fetchPendingMarketplaceInvoices(
  deps: FulfilmentDeps,
  options: { limit: number; actor: string; now?: Date },
): Promise<{ stored: number; failed: number }> {
  const now = options.now ?? new Date();
  const due = await deps.database.db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.status, 'active'),
        inArray(invoices.marketplacePdfStatus, ['pending', 'failed']),
        or(
          isNull(invoices.marketplacePdfCheckedAt),
          lt(invoices.marketplacePdfCheckedAt, new Date(now.getTime() - retryAfterMinutes(1) * 60_000)),
        ),
      ),
    )
    .orderBy(asc(invoices.marketplacePdfCheckedAt), asc(invoices.id))
    .limit(options.limit * 4);
  let stored = 0;
  let failed = 0;
  for (const invoice of due) {
    if (stored + failed >= options.limit) break;
    const checked = invoice.marketplacePdfCheckedAt?.getTime() ?? 0;
    if (checked && now.getTime() - checked < retryAfterMinutes(invoice.marketplacePdfAttempts) * 60_000) continue;
    const state = await storeMarketplaceInvoice(deps, invoice, options.actor);
    if (state.status === 'stored') stored++;
    else failed++;
  }
  return { stored, failed };
}
