import { and, eq } from 'drizzle-orm';
import { invoices, orderEvents } from '../../db/schema.ts';
import { renderInvoice } from '../documents/render/invoice.ts';
import { storeDocument, voidDocument, listDocuments } from '../documents/store.ts';
import { AppError } from '../errors.ts';
import { sendOnce } from '../sync/outbox-send.ts';
import type { InvoiceResult } from './push-types.ts';
import { loadOrderContext, pushContext, pushOf, requireOrderSync, type FulfilmentDeps, type OrderContext } from './deps.ts';
import { checkPoTax, invoiceBoxes, invoiceData, packedLines } from './invoice-data.ts';
import { registerEInvoice } from './einvoicing.ts';

/**
 * The B2B invoice of a packed PO: issued by the marketplace from the seller's series exactly once
 * (through the outbox), recorded, rendered as Weft's GST tax invoice and, when the channel's
 * e-invoicing is on, registered at the IRP and sent back to the marketplace with its IRN and QR.
 */
export type Invoice = typeof invoices.$inferSelect;

export async function activeInvoice(deps: FulfilmentDeps, orderId: number): Promise<Invoice | null> {
  const [row] = await deps.database.db.select().from(invoices).where(and(eq(invoices.orderId, orderId), eq(invoices.status, 'active')));
  return row ?? null;
}

const invoiceable = new Set(['packed', 'ready_to_ship']);

export async function invoiceOrder(
  deps: FulfilmentDeps, orderId: number, actor: string, options: { acceptTaxDifference?: boolean } = {},
): Promise<Invoice> {
  const ctx = await loadOrderContext(deps, orderId);
  requireOrderSync(ctx.channel);
  const existing = await activeInvoice(deps, orderId);
  if (existing && existing.einvoiceStatus !== 'pending' && existing.einvoiceStatus !== 'failed') return existing;
  if (!existing && !invoiceable.has(ctx.order.status)) {
    throw new AppError('conflict', `PO ${ctx.order.poNumber} is ${ctx.order.status.replace(/_/g, ' ')}: finish packing before invoicing.`);
  }
  const db = deps.database.db;
  const lines = await packedLines(db, orderId);
  const boxes = await invoiceBoxes(db, orderId);
  if (!existing) {
    if (boxes.length === 0) throw new AppError('conflict', `PO ${ctx.order.poNumber} has no packed box to invoice.`);
    const check = checkPoTax(ctx, lines, new Date());
    if (!check.agrees && !options.acceptTaxDifference) {
      const message = `${ctx.descriptor.displayName}'s tax on PO ${ctx.order.poNumber} disagrees with Weft's: ${check.disagreements.map((d) => d.message).join('; ')}. `
        + 'Check the HSN and prices with the account manager, or invoice anyway with acceptTaxDifference.';
      await db.insert(orderEvents).values({ orderId, status: ctx.order.status, note: `Tax flagged before invoicing: ${message}`, actor });
      throw new AppError('conflict', message, { details: check.disagreements });
    }
  }
  const invoice = existing ?? await issueAtMarketplace(deps, ctx, boxes, actor);
  return finishInvoice(deps, ctx, invoice, lines, boxes.length, actor);
}

async function issueAtMarketplace(deps: FulfilmentDeps, ctx: OrderContext, boxes: Awaited<ReturnType<typeof invoiceBoxes>>, actor: string): Promise<Invoice> {
  const db = deps.database.db;
  const push = pushOf(ctx, 'invoice');
  const { stored } = await sendOnce<InvoiceResult>(db, {
    channelId: ctx.channel.id, kind: 'invoice', idempotencyKey: `invoice:${ctx.channel.code}:${ctx.order.poNumber}`,
    payload: { orderId: ctx.order.id, poNumber: ctx.order.poNumber },
    what: `the invoice of PO ${ctx.order.poNumber} at ${ctx.descriptor.displayName}`,
    send: (memo, remember) => push(pushContext(deps, ctx.channel, ctx.warehouse.code, memo, remember), {
      poNumber: ctx.order.poNumber, boxes: boxes.map(({ boxCode, weightGrams, lines }) => ({ boxCode, weightGrams, lines })),
    }),
    keep: (r) => ({ ...r, invoiceDate: r.invoiceDate.toISOString(), ackDate: r.ackDate?.toISOString() ?? null }),
  });
  const r = stored as unknown as Omit<InvoiceResult, 'invoiceDate' | 'ackDate'> & { invoiceDate: string; ackDate: string | null };
  const einvoicing = ctx.descriptor.einvoicing?.(ctx.channel.settings, deps.secrets.openJson(ctx.channel.credentials!)) ?? null;
  const [row] = await db.insert(invoices).values({
    orderId: ctx.order.id, invoiceNumber: r.invoiceNumber, invoiceDate: new Date(r.invoiceDate),
    taxablePaise: r.taxablePaise, taxPaise: r.taxPaise, totalPaise: r.totalPaise,
    irn: r.irn, signedQr: r.signedQr, ackNo: r.ackNo, ackDate: r.ackDate ? new Date(r.ackDate) : null,
    einvoiceStatus: einvoicing && !r.irn ? 'pending' : 'not_required', marketplaceResponse: r.raw,
  }).onConflictDoNothing().returning();
  const invoice = row ?? (await activeInvoice(deps, ctx.order.id))!;
  if (row) {
    await db.insert(orderEvents).values({ orderId: ctx.order.id, status: ctx.order.status, actor, note: `Invoice ${invoice.invoiceNumber} issued by ${ctx.descriptor.displayName}.` });
  }
  return invoice;
}

/** Renders and stores Weft's invoice; with e-invoicing on, registers the IRN first and sends it to the marketplace. */
async function finishInvoice(
  deps: FulfilmentDeps, ctx: OrderContext, invoice: Invoice, lines: Awaited<ReturnType<typeof packedLines>>, boxCount: number, actor: string,
): Promise<Invoice> {
  const db = deps.database.db;
  const data = invoiceData(ctx, lines, invoice.invoiceNumber, invoice.invoiceDate, boxCount);
  if (invoice.einvoiceStatus === 'pending' || invoice.einvoiceStatus === 'failed') {
    const access = ctx.descriptor.einvoicing?.(ctx.channel.settings, deps.secrets.openJson(ctx.channel.credentials!));
    if (!access) throw new AppError('conflict', `E-invoicing was turned off for ${ctx.channel.code} after invoice ${invoice.invoiceNumber} was issued.`);
    let irn;
    try {
      irn = await registerEInvoice(access, data);
    } catch (error) {
      await db.update(invoices).set({ einvoiceStatus: 'failed', einvoiceError: (error as Error).message }).where(eq(invoices.id, invoice.id));
      throw error;
    }
    const ackDate = new Date(`${irn.ackDt.replace(' ', 'T')}+05:30`);
    [invoice] = await db.update(invoices).set({
      irn: irn.irn, ackNo: irn.ackNo, ackDate, signedQr: irn.signedQrCode, einvoiceStatus: 'generated', einvoiceError: null,
    }).where(eq(invoices.id, invoice.id)).returning();
    await db.insert(orderEvents).values({ orderId: ctx.order.id, status: ctx.order.status, actor, note: `E-invoice registered: IRN ${irn.irn} (ack ${irn.ackNo}).` });
  }
  const einvoice = invoice.irn && invoice.signedQr && invoice.ackNo && invoice.ackDate
    ? { irn: invoice.irn, ackNo: invoice.ackNo, ackDate: istDateTime(invoice.ackDate), signedQrCode: invoice.signedQr }
    : null;
  const pdf = await renderInvoice({ ...data, einvoice });
  const { document } = await storeDocument(db, {
    kind: 'invoice', source: 'weft', bytes: pdf, orderId: ctx.order.id, reference: invoice.invoiceNumber, createdBy: actor,
  });
  // An earlier rendering without the e-invoice QR is voided, so only the complete invoice is printed.
  for (const old of await listDocuments(db, { orderId: ctx.order.id, kind: 'invoice' })) {
    if (old.id !== document.id && old.reference === invoice.invoiceNumber) await voidDocument(db, old.id, 'replaced by the invoice with its e-invoice QR', actor);
  }
  if (invoice.einvoiceStatus === 'generated') {
    const push = pushOf(ctx, 'invoiceUpdate');
    await sendOnce(db, {
      channelId: ctx.channel.id, kind: 'invoice-update', idempotencyKey: `invoice-update:${ctx.channel.code}:${invoice.invoiceNumber}:${invoice.irn}`,
      payload: { orderId: ctx.order.id, invoiceNumber: invoice.invoiceNumber, irn: invoice.irn },
      what: `the e-invoice of ${invoice.invoiceNumber} to ${ctx.descriptor.displayName}`,
      send: (memo, remember) => push(pushContext(deps, ctx.channel, ctx.warehouse.code, memo, remember), {
        poNumber: ctx.order.poNumber, invoiceNumber: invoice.invoiceNumber, irn: invoice.irn!, signedQr: invoice.signedQr!,
        ackNo: invoice.ackNo!, ackDate: invoice.ackDate!, invoicePdf: pdf,
      }),
      keep: () => ({ sent: true }),
    });
    [invoice] = await db.update(invoices).set({ einvoiceStatus: 'sent' }).where(eq(invoices.id, invoice.id)).returning();
  }
  return invoice;
}

/** IST `yyyy-MM-dd HH:mm:ss`, as the IRP writes acknowledgement dates. */
function istDateTime(date: Date): string {
  return new Date(date.getTime() + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}
