import { createHash } from 'node:crypto';
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { documents, type DocumentSource } from '../../db/schema.ts';
import { conflict, invalid, notFound } from '../errors.ts';

/**
 * The document store: every PDF kept once per (kind, hash, reference), listed per order or reference
 * and reprintable. A void document is kept, marked void with its reason, and is never handed out as
 * the live copy again: storing the same bytes after a void makes a new live row.
 */
export const DOCUMENT_KINDS = [
  'invoice',
  'box-labels',
  'manifest',
  'picklist',
  'marketplace-label',
  'marketplace-manifest',
  'marketplace-invoice',
  'credit-note',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface NewDocument {
  kind: DocumentKind;
  source: DocumentSource;
  bytes: Buffer | Uint8Array;
  /** PO number, manifest id or picklist id: what the document is about, as people search for it. */
  reference: string;
  orderId?: number | null;
  contentType?: string;
  createdBy: string;
}

export interface DocumentInfo {
  id: number;
  kind: string;
  source: DocumentSource;
  sha256: string;
  size: number;
  contentType: string;
  orderId: number | null;
  reference: string;
  createdAt: Date;
  createdBy: string;
  voidedAt: Date | null;
  voidReason: string | null;
}

export interface StoredDocument extends DocumentInfo {
  bytes: Buffer;
}

const info = {
  id: documents.id,
  kind: documents.kind,
  source: documents.source,
  sha256: documents.sha256,
  size: documents.size,
  contentType: documents.contentType,
  orderId: documents.orderId,
  reference: documents.reference,
  createdAt: documents.createdAt,
  createdBy: documents.createdBy,
  voidedAt: documents.voidedAt,
  voidReason: documents.voidReason,
};

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function check(input: NewDocument): void {
  if (!(DOCUMENT_KINDS as readonly string[]).includes(input.kind)) {
    throw invalid(`Document kind "${input.kind}" is unknown; use one of ${DOCUMENT_KINDS.join(', ')}.`, 'kind');
  }
  if (input.source !== 'weft' && input.source !== 'marketplace')
    throw invalid(`Document source must be "weft" or "marketplace", not "${input.source}".`, 'source');
  if (!input.reference?.trim())
    throw invalid(
      'A document needs a reference (the PO number, manifest id or picklist id) so it can be found again.',
      'reference',
    );
  if (input.bytes.length === 0)
    throw invalid(`The ${input.kind} for ${input.reference} is empty: nothing was rendered or downloaded.`, 'bytes');
  const pdf = (input.contentType ?? 'application/pdf') === 'application/pdf';
  if (pdf && Buffer.from(input.bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    throw invalid(`The ${input.kind} for ${input.reference} is not a PDF (it does not start with %PDF-).`, 'bytes');
  }
}

/**
 * Stores the bytes unless a live document of the same kind, hash and reference exists, in which case
 * that one is returned (`created: false`). Safe under concurrency: the partial unique index decides.
 */
export async function storeDocument(db: Db, input: NewDocument): Promise<{ document: DocumentInfo; created: boolean }> {
  check(input);
  const bytes = Buffer.isBuffer(input.bytes) ? input.bytes : Buffer.from(input.bytes);
  const sha256 = sha256Of(bytes);
  const reference = input.reference.trim();
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db
      .insert(documents)
      .values({
        kind: input.kind,
        source: input.source,
        sha256,
        bytes,
        size: bytes.length,
        contentType: input.contentType ?? 'application/pdf',
        orderId: input.orderId ?? null,
        reference,
        createdBy: input.createdBy,
      })
      .onConflictDoNothing({
        target: [documents.kind, documents.sha256, documents.reference],
        where: isNull(documents.voidedAt),
      })
      .returning(info);
    if (inserted[0]) return { document: inserted[0], created: true };
    const [existing] = await db
      .select(info)
      .from(documents)
      .where(
        and(
          eq(documents.kind, input.kind),
          eq(documents.sha256, sha256),
          eq(documents.reference, reference),
          isNull(documents.voidedAt),
        ),
      );
    if (existing) {
      // The same document stored first without its order (e.g. a manifest kept before the PO was
      // linked) gets the link now rather than losing it.
      if (existing.orderId === null && input.orderId != null) {
        const [linked] = await db
          .update(documents)
          .set({ orderId: input.orderId })
          .where(eq(documents.id, existing.id))
          .returning(info);
        return { document: linked ?? existing, created: false };
      }
      return { document: existing, created: false };
    }
    // The live row was voided between the insert and the read: insert again.
  }
  throw conflict(`The ${input.kind} for ${reference} is being stored and voided at the same time; try again.`);
}

/** Marks a document void (e.g. a prefetched label whose packing changed). Voiding twice is refused. */
export async function voidDocument(db: Db, id: number, reason: string, actor: string): Promise<DocumentInfo> {
  if (!reason?.trim())
    throw invalid('Say why the document is void (e.g. "packing changed: 3 boxes, not 2").', 'reason');
  const [row] = await db
    .update(documents)
    .set({ voidedAt: new Date(), voidReason: `${reason.trim()} (by ${actor})` })
    .where(and(eq(documents.id, id), isNull(documents.voidedAt)))
    .returning(info);
  if (row) return row;
  const [existing] = await db.select(info).from(documents).where(eq(documents.id, id));
  if (!existing) throw notFound(`Document ${id} does not exist.`);
  throw conflict(
    `Document ${id} (${existing.kind} for ${existing.reference}) is already void: ${existing.voidReason}.`,
  );
}

export interface DocumentFilter {
  orderId?: number;
  reference?: string;
  kind?: string;
  includeVoided?: boolean;
  limit?: number;
}

/** Metadata only, newest first; void documents only when asked for. */
export async function listDocuments(db: Db, filter: DocumentFilter = {}): Promise<DocumentInfo[]> {
  const where: SQL[] = [];
  if (filter.orderId !== undefined) where.push(eq(documents.orderId, filter.orderId));
  if (filter.reference !== undefined) where.push(eq(documents.reference, filter.reference.trim()));
  if (filter.kind !== undefined) where.push(eq(documents.kind, filter.kind));
  if (!filter.includeVoided) where.push(isNull(documents.voidedAt));
  const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
  return db
    .select(info)
    .from(documents)
    .where(where.length ? and(...where) : sql`true`)
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(limit);
}

/** One document with its bytes, void or not (a void document can still be looked at). */
export async function getDocument(db: Db, id: number): Promise<StoredDocument> {
  const [row] = await db
    .select({ ...info, bytes: documents.bytes })
    .from(documents)
    .where(eq(documents.id, id));
  if (!row) throw notFound(`Document ${id} does not exist.`);
  return row;
}
