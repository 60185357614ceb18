import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { Db } from '../../db/connect.ts';
import { channels, documents, invoices, orders, shipments, type OrderStatus } from '../../db/schema.ts';
import type { ChannelDescriptor } from '../channel-descriptor.ts';
import { AppError, notFound } from '../errors.ts';
import { getPicklist } from '../fulfilment/picklists.ts';
import { loadManifest } from '../fulfilment/manifests.ts';

/**
 * Printing in one go: the stored documents of a PO, a prefetched picklist or a manifest merged into one
 * PDF, so the floor opens one file and answers one print dialog. A PO prints its invoice, then its
 * shipping labels; a picklist prints that for each prefetched PO in picklist order; a manifest prints
 * Weft's handover copy, then the marketplace's manifest when it sent one (what the manifest page lists).
 *
 * Nothing is printed half: when any document is missing the whole bundle is refused (409), naming each
 * PO and what it lacks, and what to do about it — a partial stack on the printer is worse than none.
 * The merge is deterministic (no dates written), so printing twice gives the same bytes.
 */
export interface PrintBundle {
  pdf: Buffer;
  /** For the file name: "PO123", "PL000042", "MF000007". */
  name: string;
  /** The stored documents merged, in print order. */
  documentIds: number[];
  pages: number;
}

export interface MissingDocuments {
  orderId: number;
  poNumber: string;
  missing: ('invoice' | 'labels')[];
  message: string;
}

type ChannelLookup = (type: string) => ChannelDescriptor | undefined;

interface StoredPdf {
  id: number;
  kind: string;
  bytes: Buffer;
}

interface OrderRef {
  id: number;
  poNumber: string;
  status: OrderStatus;
}

/** Merges PDFs page by page, in the order given. */
export async function mergePdfs(parts: Buffer[], title: string): Promise<{ pdf: Buffer; pages: number }> {
  // updateMetadata: false keeps pdf-lib from stamping today's date and its name: the same parts give the same bytes.
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setTitle(title);
  out.setProducer('Weft');
  for (const bytes of parts) {
    const source = await PDFDocument.load(bytes, { updateMetadata: false });
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  return { pdf: Buffer.from(await out.save()), pages: out.getPageCount() };
}

/** The newest live stored document of these kinds, for an order or a reference. */
async function newestLive(
  db: Db,
  where: { orderId?: number; reference?: string },
  kinds: string[],
): Promise<StoredPdf | null> {
  const [row] = await db
    .select({ id: documents.id, kind: documents.kind, bytes: documents.bytes })
    .from(documents)
    .where(
      and(
        where.orderId !== undefined ? eq(documents.orderId, where.orderId) : undefined,
        where.reference !== undefined ? eq(documents.reference, where.reference) : undefined,
        inArray(documents.kind, kinds),
        isNull(documents.voidedAt),
        eq(documents.contentType, 'application/pdf'),
      ),
    )
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(1);
  return row ?? null;
}

const notYetInvoiced: Partial<Record<OrderStatus, string>> = {
  on_hold: 'it is on hold; release it, pack it, and its invoice is made then',
  open: 'it is not packed yet; the invoice is made when it is packed (or prefetched from its picklist)',
  picking: 'it is being picked; the invoice is made when it is packed (or prefetched from its picklist)',
};

/**
 * A PO's invoice and labels, or what is missing and what to do. The labels are the marketplace's when
 * the shipment was labelled with them (the channel's "use marketplace shipping label"), else Weft's own.
 */
async function orderDocuments(db: Db, order: OrderRef): Promise<{ parts: StoredPdf[]; gap: MissingDocuments | null }> {
  const po = `PO ${order.poNumber}`;
  if (order.status === 'cancelled') {
    return {
      parts: [],
      gap: {
        orderId: order.id,
        poNumber: order.poNumber,
        missing: ['invoice', 'labels'],
        message: `${po} is cancelled: it has nothing to print.`,
      },
    };
  }
  const [invoice] = await db
    .select({ number: invoices.invoiceNumber, einvoice: invoices.einvoiceStatus, error: invoices.einvoiceError })
    .from(invoices)
    .where(and(eq(invoices.orderId, order.id), eq(invoices.status, 'active')));
  const [shipment] = await db
    .select({ labelSource: shipments.labelSource })
    .from(shipments)
    .where(and(eq(shipments.orderId, order.id), eq(shipments.status, 'active')));
  const invoicePdf = invoice
    ? await newestLive(db, { orderId: order.id, reference: invoice.number }, ['invoice'])
    : null;
  const labelKinds = shipment?.labelSource === 'marketplace' ? ['marketplace-label'] : ['box-labels'];
  const labelPdf = shipment
    ? ((await newestLive(db, { orderId: order.id }, labelKinds)) ??
      // Weft keeps its own labels beside the marketplace's, so a lost marketplace label still prints.
      (await newestLive(db, { orderId: order.id }, ['box-labels'])))
    : null;
  if (invoicePdf && labelPdf) return { parts: [invoicePdf, labelPdf], gap: null };

  const retry = 'retry from the pack station, which makes them again';
  let message: string;
  if (!invoice) {
    const why = notYetInvoiced[order.status] ?? `it is waiting for the marketplace to issue it; ${retry}`;
    message = `${po} has no invoice yet: ${why}.`;
  } else if (!invoicePdf) {
    const einvoice = invoice.error ? ` (e-invoice: ${invoice.error})` : '';
    message = `${po} has no invoice PDF for ${invoice.number} yet${einvoice}: ${retry}.`;
  } else if (!shipment) {
    message = `${po} has no shipping labels yet: its AWBs are waiting for the marketplace; ${retry}.`;
  } else {
    message = `${po} has no shipping label PDF yet: ${retry}.`;
  }
  const missing: MissingDocuments['missing'] = [];
  if (!invoicePdf) missing.push('invoice');
  if (!labelPdf) missing.push('labels');
  return { parts: [], gap: { orderId: order.id, poNumber: order.poNumber, missing, message } };
}

/** `what` names the picklist (several POs); a single PO's own sentence says it all. */
function refuse(what: string | null, gaps: MissingDocuments[]): never {
  const shown = gaps.slice(0, 10).map((g) => g.message);
  const more = gaps.length > shown.length ? ` And ${gaps.length - shown.length} more PO(s).` : '';
  const head = what
    ? `${what} cannot be printed in one go yet: nothing is printed until every PO has its documents. `
    : '';
  throw new AppError('conflict', `${head}${shown.join(' ')}${more}`, { details: { missing: gaps } });
}

async function bundleOf(name: string, parts: StoredPdf[]): Promise<PrintBundle> {
  const { pdf, pages } = await mergePdfs(
    parts.map((p) => p.bytes),
    name,
  );
  return { pdf, pages, name, documentIds: parts.map((p) => p.id) };
}

/** One PO: its invoice, then its shipping labels. */
export async function orderPrintBundle(db: Db, orderId: number): Promise<PrintBundle> {
  const [order] = await db
    .select({ id: orders.id, poNumber: orders.poNumber, status: orders.status })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order) throw notFound(`Order ${orderId} does not exist.`);
  const { parts, gap } = await orderDocuments(db, order);
  if (gap) refuse(null, [gap]);
  return bundleOf(`PO-${order.poNumber}`, parts);
}

/**
 * A prefetched picklist: the invoice and labels of each PO that prefetch covers (a channel with prepack
 * on, not cancelled), in the picklist's order. POs of other channels print from the pack station.
 */
export async function picklistPrintBundle(db: Db, code: string, lookup: ChannelLookup): Promise<PrintBundle> {
  const picklist = await getPicklist(db, code, lookup);
  if (!picklist.prefetchedAt) {
    throw new AppError(
      'conflict',
      `Picklist ${picklist.code} is not prefetched: its POs' invoices and labels are made by "Prefetch deliveries" ` +
        '(while it is pending, for a channel with prepack on), or at the pack station one PO at a time.',
    );
  }
  const ids = picklist.orders.map((o) => o.id);
  const channelOf = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .select({ id: orders.id, type: channels.type, settings: channels.settings })
            .from(orders)
            .innerJoin(channels, eq(channels.id, orders.channelId))
            .where(inArray(orders.id, ids))
            .orderBy(asc(orders.id))
        ).map((r) => [r.id, r]),
  );
  const prefetched = picklist.orders.filter((o) => {
    const channel = channelOf.get(o.id);
    return o.status !== 'cancelled' && channel && lookup(channel.type)?.policy(channel.settings).prepack === true;
  });
  if (prefetched.length === 0) {
    throw new AppError(
      'conflict',
      `Picklist ${picklist.code} has no prefetched PO (none is of a channel with prepack on, or all are cancelled): ` +
        "print each PO's documents from the pack station.",
    );
  }
  const parts: StoredPdf[] = [];
  const gaps: MissingDocuments[] = [];
  for (const o of prefetched) {
    const found = await orderDocuments(db, { id: o.id, poNumber: o.poNumber, status: o.status as OrderStatus });
    if (found.gap) gaps.push(found.gap);
    else parts.push(...found.parts);
  }
  if (gaps.length) refuse(`Picklist ${picklist.code}`, gaps);
  return bundleOf(`picklist-${picklist.code}`, parts);
}

/** A manifest: Weft's handover copy, then the marketplace's manifest when it sent one. */
export async function manifestPrintBundle(db: Db, code: string): Promise<PrintBundle> {
  const { manifest } = await loadManifest(db, code);
  const own = await newestLive(db, { reference: manifest.code }, ['manifest']);
  if (!own) {
    throw new AppError(
      'conflict',
      `Manifest ${manifest.code} has no manifest PDF yet: it is made when the manifest is dispatched; ` +
        'dispatch it from its page first, then print.',
    );
  }
  const marketplace = await newestLive(db, { reference: manifest.code }, ['marketplace-manifest']);
  return bundleOf(`manifest-${manifest.code}`, marketplace ? [own, marketplace] : [own]);
}
