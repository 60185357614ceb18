import { and, eq } from 'drizzle-orm';
import { invoices, orderEvents } from '../../db/schema.ts';
import { invoiceFigures, renderInvoice, type InvoiceData, type InvoiceFigures } from '../documents/render/invoice.ts';
import { storeDocument, voidDocument, listDocuments } from '../documents/store.ts';
import { AppError } from '../errors.ts';
import { sendOnce } from '../sync/outbox-send.ts';
import type { InvoiceBox, InvoiceResult } from './push-types.ts';
import {
  loadOrderContext,
  pushContext,
  pushOf,
  requireOrderSync,
  type FulfilmentDeps,
  type OrderContext,
} from './deps.ts';
import { checkPoTax, invoiceBoxes, invoiceData, packedLines, type PackedLine } from './invoice-data.ts';
import { registerEInvoice } from './einvoicing.ts';
import { readBackLines } from './read-back.ts';

/**
 * The B2B invoice of a packed PO: issued by the marketplace from the seller's series exactly once
 * (through the outbox), recorded, rendered as Weft's GST tax invoice and, when the channel's
 * e-invoicing is on, registered at the IRP and sent back to the marketplace with its IRN and QR.
 */
export type Invoice = typeof invoices.$inferSelect;

export async function activeInvoice(deps: FulfilmentDeps, orderId: number): Promise<Invoice | null> {
  const [row] = await deps.database.db
    .select()
    .from(invoices)
    .where(and(eq(invoices.orderId, orderId), eq(invoices.status, 'active')));
  return row ?? null;
}

const invoiceable = new Set(['packed', 'ready_to_ship']);

export async function invoiceOrder(
  deps: FulfilmentDeps,
  orderId: number,
  actor: string,
  options: { acceptTaxDifference?: boolean } = {},
): Promise<Invoice> {
  const ctx = await loadOrderContext(deps, orderId);
  requireOrderSync(ctx.channel, ctx.descriptor);
  const db = deps.database.db;
  let lines = await packedLines(db, orderId);
  const boxes = await invoiceBoxes(db, orderId);
  let existing = await activeInvoice(deps, orderId);
  if (existing?.prefetched) existing = await settlePrefetch(deps, ctx, existing, boxes, actor);
  if (existing && existing.einvoiceStatus !== 'pending' && existing.einvoiceStatus !== 'failed') return existing;
  if (!existing && !invoiceable.has(ctx.order.status)) {
    throw new AppError(
      'conflict',
      `PO ${ctx.order.poNumber} is ${ctx.order.status.replace(/_/g, ' ')}: finish packing before invoicing.`,
    );
  }
  if (!existing) {
    if (boxes.length === 0) throw new AppError('conflict', `PO ${ctx.order.poNumber} has no packed box to invoice.`);
    await readBackLines(deps, ctx, actor);
    lines = await packedLines(db, orderId);
    await flagTaxDifference(ctx, lines, actor, options.acceptTaxDifference ?? false, db);
  }
  const invoice =
    existing ?? (await issueAtMarketplace(deps, ctx, boxes, actor, { attempt: await invoiceAttempt(deps, orderId) }));
  return finishInvoice(deps, ctx, invoice, lines, boxes.length, actor);
}

/**
 * Prefetch ("prepack"): the invoice and AWBs are fetched when the picklist is made, for the PO as
 * ordered in one planned box, so packing need not wait for the marketplace. The caller reads the PO
 * back first (read-back.ts), so `lines` carry the marketplace's current quantities and tax.
 */
export async function prefetchInvoice(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  plan: InvoiceBox[],
  lines: PackedLine[],
  actor: string,
): Promise<Invoice> {
  await flagTaxDifference(ctx, lines, actor, false, deps.database.db);
  const invoice = await issueAtMarketplace(deps, ctx, plan, actor, {
    attempt: await invoiceAttempt(deps, ctx.order.id),
    plan,
  });
  return finishInvoice(deps, ctx, invoice, lines, plan.length, actor);
}

async function flagTaxDifference(
  ctx: OrderContext,
  lines: PackedLine[],
  actor: string,
  accept: boolean,
  db: FulfilmentDeps['database']['db'],
) {
  const check = checkPoTax(ctx, lines, new Date());
  if (check.agrees || accept) return;
  const message =
    `${ctx.descriptor.displayName}'s tax on PO ${ctx.order.poNumber} disagrees with Weft's: ${check.disagreements.map((d) => d.message).join('; ')}. ` +
    'Check the HSN and prices with the account manager, or invoice anyway with acceptTaxDifference.';
  await db.insert(orderEvents).values({
    orderId: ctx.order.id,
    status: ctx.order.status,
    note: `Tax flagged before invoicing: ${message}`,
    actor,
  });
  throw new AppError('conflict', message, { details: check.disagreements });
}

/** How many invoices (active or void) the order has had: each re-issue gets its own outbox entry. */
async function invoiceAttempt(deps: FulfilmentDeps, orderId: number): Promise<number> {
  const rows = await deps.database.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.orderId, orderId));
  return rows.length + 1;
}

const sameBoxes = (a: InvoiceBox[], b: InvoiceBox[]) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
const normalise = (boxes: InvoiceBox[]) =>
  boxes
    .map((x) => [
      x.boxCode,
      [...x.lines]
        .sort((p, q) => p.externalLineId.localeCompare(q.externalLineId))
        .map((l) => [l.externalLineId, l.quantity]),
    ])
    .sort((p, q) => String(p[0]).localeCompare(String(q[0])));

/**
 * The pack is done: it matches the prefetch plan (the pack station packs exactly the plan), so the
 * prefetched invoice and labels stand. The marketplace's invoice is made once per PO and its API cannot void or
 * amend it, so a pack that differs (possible only for a plan made before the pack station kept plans)
 * is refused with what to do, never invoiced again.
 */
async function settlePrefetch(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  invoice: Invoice,
  packed: InvoiceBox[],
  actor: string,
): Promise<Invoice | null> {
  const db = deps.database.db;
  if (packed.length === 0) return invoice;
  const plan = ((invoice.marketplaceResponse ?? {}) as { plan?: InvoiceBox[] }).plan ?? [];
  if (!sameBoxes(plan, packed)) {
    throw new AppError(
      'conflict',
      `PO ${ctx.order.poNumber} is packed differently from its prefetched invoice ${invoice.invoiceNumber} (${plan.length} planned box(es), ${packed.length} packed). ` +
        `${ctx.descriptor.displayName} cannot change that invoice: repack the PO as planned, or ask the account manager to cancel the invoice.`,
    );
  }
  const [kept] = await db.update(invoices).set({ prefetched: false }).where(eq(invoices.id, invoice.id)).returning();
  await db.insert(orderEvents).values({
    orderId: ctx.order.id,
    status: ctx.order.status,
    actor,
    note: `The pack matches the prefetched invoice ${invoice.invoiceNumber}: its documents stand.`,
  });
  return kept;
}

async function issueAtMarketplace(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  boxes: InvoiceBox[],
  actor: string,
  how: { attempt: number; plan?: InvoiceBox[] },
): Promise<Invoice> {
  const db = deps.database.db;
  const push = pushOf(ctx, 'invoice');
  const { stored } = await sendOnce<InvoiceResult>(db, {
    channelId: ctx.channel.id,
    kind: 'invoice',
    idempotencyKey: `invoice:${ctx.channel.code}:${ctx.order.poNumber}:${how.attempt}`,
    payload: { orderId: ctx.order.id, poNumber: ctx.order.poNumber },
    what: `the invoice of PO ${ctx.order.poNumber} at ${ctx.descriptor.displayName}`,
    send: (memo, remember) =>
      push(pushContext(deps, ctx.channel, ctx.warehouse.code, memo, remember), {
        poNumber: ctx.order.poNumber,
        boxes: boxes.map(({ boxCode, weightGrams, lines }) => ({ boxCode, weightGrams, lines })),
      }),
    keep: (r) => ({ ...r, invoiceDate: r.invoiceDate.toISOString(), ackDate: r.ackDate?.toISOString() ?? null }),
  });
  const r = stored as unknown as Omit<InvoiceResult, 'invoiceDate' | 'ackDate'> & {
    invoiceDate: string;
    ackDate: string | null;
  };
  const einvoicing =
    ctx.descriptor.einvoicing?.(ctx.channel.settings, deps.secrets.openJson(ctx.channel.credentials!)) ?? null;
  const [row] = await db
    .insert(invoices)
    .values({
      orderId: ctx.order.id,
      invoiceNumber: r.invoiceNumber,
      invoiceDate: new Date(r.invoiceDate),
      taxablePaise: r.taxablePaise,
      taxPaise: r.taxPaise,
      totalPaise: r.totalPaise,
      irn: r.irn,
      signedQr: r.signedQr,
      ackNo: r.ackNo,
      ackDate: r.ackDate ? new Date(r.ackDate) : null,
      einvoiceStatus: einvoicing && !r.irn ? 'pending' : 'not_required',
      prefetched: Boolean(how.plan),
      // The marketplace's own PDF of the invoice, fetched after the pack (marketplace-invoice.ts).
      marketplacePdfUrl: r.invoiceUrl ?? null,
      marketplacePdfStatus: r.invoiceUrl ? 'pending' : 'none',
      marketplaceResponse: how.plan ? { ...r.raw, plan: how.plan } : r.raw,
    })
    .onConflictDoNothing()
    .returning();
  const invoice = row ?? (await activeInvoice(deps, ctx.order.id))!;
  if (row) {
    await db.insert(orderEvents).values({
      orderId: ctx.order.id,
      status: ctx.order.status,
      actor,
      note: `Invoice ${invoice.invoiceNumber} issued by ${ctx.descriptor.displayName}${how.plan ? ' (prefetched)' : ''}.`,
    });
  }
  return invoice;
}

/** Renders and stores Weft's invoice; with e-invoicing on, registers the IRN first and sends it to the marketplace. */
async function finishInvoice(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  invoice: Invoice,
  lines: PackedLine[],
  boxCount: number,
  actor: string,
): Promise<Invoice> {
  const data = invoiceData(ctx, lines, invoice.invoiceNumber, invoice.invoiceDate, boxCount);
  if (invoice.einvoiceStatus === 'pending' || invoice.einvoiceStatus === 'failed') {
    invoice = await registerIrn(deps, ctx, invoice, data, actor);
  }
  const pdf = await storeInvoicePdf(deps, ctx, invoice, data, actor);
  if (invoice.einvoiceStatus === 'generated') invoice = await sendEInvoice(deps, ctx, invoice, pdf);
  return invoice;
}

/** Registers the invoice at the IRP and records its IRN, or records why that failed (and throws). */
async function registerIrn(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  invoice: Invoice,
  data: InvoiceData,
  actor: string,
): Promise<Invoice> {
  const db = deps.database.db;
  const access = ctx.descriptor.einvoicing?.(ctx.channel.settings, deps.secrets.openJson(ctx.channel.credentials!));
  if (!access)
    throw new AppError(
      'conflict',
      `E-invoicing was turned off for ${ctx.channel.code} after invoice ${invoice.invoiceNumber} was issued.`,
    );
  let irn: Awaited<ReturnType<typeof registerEInvoice>>;
  try {
    irn = await registerEInvoice(access, data);
  } catch (error) {
    await db
      .update(invoices)
      .set({ einvoiceStatus: 'failed', einvoiceError: (error as Error).message })
      .where(eq(invoices.id, invoice.id));
    throw error;
  }
  const ackDate = new Date(`${irn.ackDt.replace(' ', 'T')}+05:30`);
  const [registered] = await db
    .update(invoices)
    .set({
      irn: irn.irn,
      ackNo: irn.ackNo,
      ackDate,
      signedQr: irn.signedQrCode,
      einvoiceStatus: 'generated',
      einvoiceError: null,
    })
    .where(eq(invoices.id, invoice.id))
    .returning();
  await db.insert(orderEvents).values({
    orderId: ctx.order.id,
    status: ctx.order.status,
    actor,
    note: `E-invoice registered: IRN ${irn.irn} (ack ${irn.ackNo}).`,
  });
  return registered;
}

/**
 * Renders the invoice PDF (with the e-invoice QR when registered) and stores it; notes where it differs
 * from the marketplace's record, and voids an earlier rendering of the same invoice. Returns the PDF.
 */
async function storeInvoicePdf(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  invoice: Invoice,
  data: InvoiceData,
  actor: string,
): Promise<Buffer> {
  const db = deps.database.db;
  const differences = differencesFromRecord(invoiceFigures(data), invoice);
  const einvoice =
    invoice.irn && invoice.signedQr && invoice.ackNo && invoice.ackDate
      ? {
          irn: invoice.irn,
          ackNo: invoice.ackNo,
          ackDate: istDateTime(invoice.ackDate),
          signedQrCode: invoice.signedQr,
        }
      : null;
  const pdf = await renderInvoice({ ...data, einvoice });
  const { document, created } = await storeDocument(db, {
    kind: 'invoice',
    source: 'weft',
    bytes: pdf,
    orderId: ctx.order.id,
    reference: invoice.invoiceNumber,
    createdBy: actor,
  });
  if (created && differences.length) {
    await db.insert(orderEvents).values({
      orderId: ctx.order.id,
      status: ctx.order.status,
      actor,
      note:
        `Weft's invoice ${invoice.invoiceNumber} differs from ${ctx.descriptor.displayName}'s record of it: ${differences.join('; ')}. ` +
        "Check the channel's invoice round-off setting against what the marketplace does, and the PO's prices with the account manager.",
    });
  }
  // An earlier rendering without the e-invoice QR is voided, so only the complete invoice is printed.
  for (const old of await listDocuments(db, { orderId: ctx.order.id, kind: 'invoice' })) {
    if (old.id !== document.id && old.reference === invoice.invoiceNumber)
      await voidDocument(db, old.id, 'replaced by the invoice with its e-invoice QR', actor);
  }
  return pdf;
}

/** Sends the registered e-invoice (IRN, QR, PDF) to the marketplace exactly once; the invoice is then sent. */
async function sendEInvoice(deps: FulfilmentDeps, ctx: OrderContext, invoice: Invoice, pdf: Buffer): Promise<Invoice> {
  const db = deps.database.db;
  const push = pushOf(ctx, 'invoiceUpdate');
  await sendOnce(db, {
    channelId: ctx.channel.id,
    kind: 'invoice-update',
    idempotencyKey: `invoice-update:${ctx.channel.code}:${invoice.invoiceNumber}:${invoice.irn}`,
    payload: { orderId: ctx.order.id, invoiceNumber: invoice.invoiceNumber, irn: invoice.irn },
    what: `the e-invoice of ${invoice.invoiceNumber} to ${ctx.descriptor.displayName}`,
    send: (memo, remember) =>
      push(pushContext(deps, ctx.channel, ctx.warehouse.code, memo, remember), {
        poNumber: ctx.order.poNumber,
        invoiceNumber: invoice.invoiceNumber,
        irn: invoice.irn!,
        signedQr: invoice.signedQr!,
        ackNo: invoice.ackNo!,
        ackDate: invoice.ackDate!,
        invoicePdf: pdf,
      }),
    keep: () => ({ sent: true }),
  });
  const [sent] = await db
    .update(invoices)
    .set({ einvoiceStatus: 'sent' })
    .where(eq(invoices.id, invoice.id))
    .returning();
  return sent;
}

const inr = (paise: number) => `₹${(paise / 100).toFixed(2)}`;

/** Where Weft's printed totals and the marketplace's record of the same invoice (its answer) part. */
function differencesFromRecord(figures: InvoiceFigures, invoice: Invoice): string[] {
  const t = figures.totals;
  const pairs: [string, number, number][] = [
    ['taxable value', t.taxablePaise, invoice.taxablePaise],
    ['tax', t.totalTaxPaise, invoice.taxPaise],
    ['invoice value', t.invoiceTotalPaise, invoice.totalPaise],
  ];
  return pairs
    .filter(([, ours, theirs]) => ours !== theirs)
    .map(([what, ours, theirs]) => `${what} ${inr(ours)} here, ${inr(theirs)} there`);
}

/**
 * What Weft printed (or prints) for an order's active invoice: the same data and figures the PDF and
 * the e-invoice are made from — the prefetched plan while it stands, else the pack.
 */
export async function printedInvoice(
  deps: FulfilmentDeps,
  orderId: number,
): Promise<{ invoice: Invoice; data: InvoiceData; figures: InvoiceFigures } | null> {
  const invoice = await activeInvoice(deps, orderId);
  if (!invoice) return null;
  const ctx = await loadOrderContext(deps, orderId);
  const db = deps.database.db;
  let lines = await packedLines(db, orderId);
  let boxCount = (await invoiceBoxes(db, orderId)).length;
  if (invoice.prefetched) {
    const plan = ((invoice.marketplaceResponse ?? {}) as { plan?: InvoiceBox[] }).plan ?? [];
    const planned = new Map<string, number>();
    for (const box of plan)
      for (const l of box.lines) planned.set(l.externalLineId, (planned.get(l.externalLineId) ?? 0) + l.quantity);
    lines = lines.map((l) => ({ ...l, quantity: planned.get(l.externalLineId) ?? 0 }));
    boxCount = plan.length;
  }
  const data = invoiceData(ctx, lines, invoice.invoiceNumber, invoice.invoiceDate, boxCount);
  return { invoice, data, figures: invoiceFigures(data) };
}

/** IST `yyyy-MM-dd HH:mm:ss`, as the IRP writes acknowledgement dates. */
export function istDateTime(date: Date): string {
  return new Date(date.getTime() + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}
