import { and, eq, inArray } from 'drizzle-orm';
import type { CancelReason } from '../../einvoice/index.ts';
import { invoices, orderEvents } from '../../db/schema.ts';
import { audit } from '../audit.ts';
import { listDocuments, voidDocument } from '../documents/store.ts';
import { conflict, notFound } from '../errors.ts';
import { type FulfilmentDeps, loadOrderContext, type OrderContext } from './deps.ts';
import { cancelEInvoice } from './einvoicing.ts';

/**
 * Supersedes an invoice: the marketplace's account manager has cancelled it on their side (the
 * marketplace's API cannot), so Weft voids its record and its PDF — kept, marked void with the reason —
 * and cancels its IRN at the IRP. The IRP cancels only within 24 hours of the IRN (docs/gst.md c7): past
 * that, or when the IRP refuses, the invoice is flagged for the accountant, who issues a credit note
 * against it instead. Cancelling again (a retry) does only what is left.
 */
export type Invoice = typeof invoices.$inferSelect;

const IRP_CANCEL_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface SupersedeRequest {
  reason: CancelReason;
  /** Why, in words (at most 100 characters reach the IRP). */
  remark: string;
}

export async function supersedeInvoice(
  deps: FulfilmentDeps,
  invoiceId: number,
  request: SupersedeRequest,
  actor: string,
  now: () => Date = () => new Date(),
): Promise<Invoice> {
  const db = deps.database.db;
  const invoice = await loadInvoice(deps, invoiceId);
  if (invoice.status === 'void' && !invoice.irn) throw conflict(`Invoice ${invoice.invoiceNumber} is void already.`);
  if (invoice.status === 'active') {
    const { order } = await loadOrderContext(deps, invoice.orderId);
    await db.transaction(async (tx) => {
      const [voided] = await tx
        .update(invoices)
        .set({ status: 'void', voidReason: `${request.remark.trim()} (by ${actor})` })
        .where(and(eq(invoices.id, invoiceId), eq(invoices.status, 'active')))
        .returning();
      if (!voided) return; // superseded by someone else a moment ago
      for (const doc of await listDocuments(tx, { orderId: invoice.orderId, kind: 'invoice' })) {
        if (doc.reference === invoice.invoiceNumber && !doc.voidedAt)
          await voidDocument(tx, doc.id, `invoice superseded: ${request.remark.trim()}`, actor);
      }
      await tx.insert(orderEvents).values({
        orderId: invoice.orderId,
        status: order.status,
        actor,
        note: `Invoice ${invoice.invoiceNumber} superseded: ${request.remark.trim()}.`,
      });
      await audit(tx, {
        actor,
        action: 'supersede',
        entity: 'invoice',
        entityId: String(invoiceId),
        before: { status: 'active' },
        after: { status: 'void', reason: request.reason, remark: request.remark },
      });
    });
  }
  return cancelIrnOf(deps, await loadInvoice(deps, invoiceId), request, actor, now);
}

async function cancelIrnOf(
  deps: FulfilmentDeps,
  invoice: Invoice,
  request: SupersedeRequest,
  actor: string,
  now: () => Date,
): Promise<Invoice> {
  if (!invoice.irn || invoice.irnCancelStatus === 'cancelled' || invoice.irnCancelStatus === 'past_window')
    return invoice;
  const ctx = await loadOrderContext(deps, invoice.orderId);
  const registeredAt = invoice.ackDate ?? invoice.createdAt;
  if (now().getTime() - registeredAt.getTime() > IRP_CANCEL_WINDOW_MS) {
    return flag(deps, ctx, invoice, 'past_window', pastWindow(invoice, registeredAt), actor);
  }
  const access = ctx.channel.credentials
    ? ctx.descriptor.einvoicing?.(ctx.channel.settings, deps.secrets.openJson(ctx.channel.credentials))
    : null;
  if (!access)
    return flag(
      deps,
      ctx,
      invoice,
      'failed',
      `E-invoicing is off for ${ctx.channel.code}, so the IRN of ${invoice.invoiceNumber} could not be cancelled: turn it back on and cancel again within 24 hours of the IRN, or tell the accountant.`,
      actor,
    );
  let answer: Awaited<ReturnType<typeof cancelEInvoice>>;
  try {
    answer = await cancelEInvoice(access, ctx.warehouse.gstin ?? '', invoice.irn, request.reason, request.remark);
  } catch (error) {
    return flag(deps, ctx, invoice, 'failed', (error as Error).message, actor);
  }
  if (answer.outcome === 'past-window')
    return flag(deps, ctx, invoice, 'past_window', pastWindow(invoice, registeredAt), actor);
  const [cancelled] = await deps.database.db
    .update(invoices)
    .set({ irnCancelStatus: 'cancelled', irnCancelledAt: now(), irnCancelError: null })
    .where(eq(invoices.id, invoice.id))
    .returning();
  await deps.database.db.insert(orderEvents).values({
    orderId: invoice.orderId,
    status: ctx.order.status,
    actor,
    note: `IRN of invoice ${invoice.invoiceNumber} cancelled at the IRP (${request.reason}).`,
  });
  return cancelled;
}

const pastWindow = (invoice: Invoice, registeredAt: Date) =>
  `The IRN of invoice ${invoice.invoiceNumber} was registered at ${registeredAt.toISOString()}, more than 24 hours ago: the IRP no longer cancels it. Issue a credit note against the invoice and tell the accountant.`;

async function flag(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  invoice: Invoice,
  status: 'past_window' | 'failed',
  message: string,
  actor: string,
): Promise<Invoice> {
  const [flagged] = await deps.database.db
    .update(invoices)
    .set({ irnCancelStatus: status, irnCancelError: message })
    .where(eq(invoices.id, invoice.id))
    .returning();
  await deps.database.db
    .insert(orderEvents)
    .values({ orderId: invoice.orderId, status: ctx.order.status, actor, note: message });
  return flagged;
}

async function loadInvoice(deps: FulfilmentDeps, invoiceId: number): Promise<Invoice> {
  const [invoice] = await deps.database.db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) throw notFound(`There is no invoice ${invoiceId}.`);
  return invoice;
}

/** Superseded invoices whose IRN still stands: past the IRP's window, or refused — for the accountant. */
export async function invoicesWithIrnToSettle(deps: FulfilmentDeps): Promise<Invoice[]> {
  return deps.database.db
    .select()
    .from(invoices)
    .where(inArray(invoices.irnCancelStatus, ['past_window', 'failed']))
    .orderBy(invoices.id);
}
