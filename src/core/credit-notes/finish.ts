import { eq } from 'drizzle-orm';
import { creditNotes, orderEvents } from '../../db/schema.ts';
import { storeDocument } from '../documents/store.ts';
import { renderInvoice } from '../documents/render/invoice.ts';
import { AppError, notFound } from '../errors.ts';
import type { FulfilmentDeps, OrderContext } from '../fulfilment/deps.ts';
import { registerEInvoice } from '../fulfilment/einvoicing.ts';
import { istDateTime } from '../fulfilment/invoicing.ts';
import { storedCreditNoteData } from './note-data.ts';

/**
 * Finishes a planned credit note: registers it at the IRP as a CRN when its invoice was e-invoiced (the
 * IRP client generates exactly once per document: a repeat after a crash adopts the IRN already given),
 * then renders and stores its PDF. Each step is recorded as it lands, so finishing again — the sweep, a
 * person's retry — does only what is left. A failure is kept on the note with its reason and thrown.
 */
export type CreditNote = typeof creditNotes.$inferSelect;

export async function finishCreditNote(deps: FulfilmentDeps, noteId: number, actor: string): Promise<CreditNote> {
  const db = deps.database.db;
  let note = await loadNote(deps, noteId);
  if (note.documentId && note.einvoiceStatus !== 'pending' && note.einvoiceStatus !== 'failed') return note;
  const { ctx, data } = await storedCreditNoteData(deps, note);
  if (note.einvoiceStatus === 'pending' || note.einvoiceStatus === 'failed')
    note = await registerCrn(deps, ctx, note, data, actor);
  const einvoice =
    note.irn && note.signedQr && note.ackNo && note.ackDate
      ? { irn: note.irn, ackNo: note.ackNo, ackDate: istDateTime(note.ackDate), signedQrCode: note.signedQr }
      : null;
  const pdf = await renderInvoice({ ...data, einvoice });
  const { document } = await storeDocument(db, {
    kind: 'credit-note',
    source: 'weft',
    bytes: pdf,
    orderId: note.orderId,
    reference: note.noteNumber,
    createdBy: actor,
  });
  const [done] = await db
    .update(creditNotes)
    .set({ documentId: document.id })
    .where(eq(creditNotes.id, note.id))
    .returning();
  return done;
}

async function loadNote(deps: FulfilmentDeps, noteId: number): Promise<CreditNote> {
  const [note] = await deps.database.db.select().from(creditNotes).where(eq(creditNotes.id, noteId));
  if (!note) throw notFound(`There is no credit note ${noteId}.`);
  return note;
}

async function registerCrn(
  deps: FulfilmentDeps,
  ctx: OrderContext,
  note: CreditNote,
  data: Parameters<typeof registerEInvoice>[1],
  actor: string,
): Promise<CreditNote> {
  const db = deps.database.db;
  const access = ctx.channel.credentials
    ? ctx.descriptor.einvoicing?.(ctx.channel.settings, deps.secrets.openJson(ctx.channel.credentials))
    : null;
  if (!access) {
    const message = `E-invoicing is off for ${ctx.channel.code}, but invoice of credit note ${note.noteNumber} was e-invoiced: turn e-invoicing back on (with its settings) and retry the credit note, so the IRP learns of it.`;
    await db
      .update(creditNotes)
      .set({ einvoiceStatus: 'failed', einvoiceError: message })
      .where(eq(creditNotes.id, note.id));
    throw new AppError('conflict', message);
  }
  let irn: Awaited<ReturnType<typeof registerEInvoice>>;
  try {
    irn = await registerEInvoice(access, data);
  } catch (error) {
    await db
      .update(creditNotes)
      .set({ einvoiceStatus: 'failed', einvoiceError: (error as Error).message })
      .where(eq(creditNotes.id, note.id));
    throw error;
  }
  const [registered] = await db
    .update(creditNotes)
    .set({
      irn: irn.irn,
      ackNo: irn.ackNo,
      ackDate: new Date(`${irn.ackDt.replace(' ', 'T')}+05:30`),
      signedQr: irn.signedQrCode,
      einvoiceStatus: 'generated',
      einvoiceError: null,
    })
    .where(eq(creditNotes.id, note.id))
    .returning();
  await db.insert(orderEvents).values({
    orderId: note.orderId,
    status: ctx.order.status,
    actor,
    note: `Credit note ${note.noteNumber} registered at the IRP: IRN ${irn.irn} (ack ${irn.ackNo}).`,
  });
  return registered;
}
