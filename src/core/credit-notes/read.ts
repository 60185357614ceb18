import { and, asc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { channels, creditNotes } from '../../db/schema.ts';
import { notFound } from '../errors.ts';
import type { CreditNote } from './finish.ts';

export async function getCreditNote(db: Db, id: number): Promise<CreditNote> {
  const [note] = await db.select().from(creditNotes).where(eq(creditNotes.id, id));
  if (!note) throw notFound(`There is no credit note ${id}.`);
  return note;
}

/** Credit notes dated in [from, to) (IST business dates), of one channel or return when given, oldest first. */
export async function listCreditNotes(
  db: Db,
  filter: { from?: string; to?: string; channel?: string; returnId?: number },
): Promise<CreditNote[]> {
  const conditions = [];
  if (filter.from) conditions.push(gte(creditNotes.noteDate, new Date(`${filter.from}T00:00:00+05:30`)));
  if (filter.to) conditions.push(lt(creditNotes.noteDate, new Date(`${filter.to}T00:00:00+05:30`)));
  if (filter.returnId) conditions.push(eq(creditNotes.returnId, filter.returnId));
  if (filter.channel)
    conditions.push(
      eq(
        creditNotes.channelId,
        sql`(select ${channels.id} from ${channels} where ${channels.code} = ${filter.channel})`,
      ),
    );
  return db
    .select()
    .from(creditNotes)
    .where(and(...conditions))
    .orderBy(asc(creditNotes.noteDate), asc(creditNotes.id));
}

/** Notes left unfinished (no PDF yet, or an IRN still to get) for at least `minAgeSeconds`. */
export async function unfinishedCreditNotes(db: Db, minAgeSeconds: number, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: creditNotes.id })
    .from(creditNotes)
    .where(
      and(
        or(
          isNull(creditNotes.documentId),
          eq(creditNotes.einvoiceStatus, 'pending'),
          eq(creditNotes.einvoiceStatus, 'failed'),
        ),
        lt(creditNotes.createdAt, sql`now() - make_interval(secs => ${minAgeSeconds}::float8)`),
      ),
    )
    .orderBy(asc(creditNotes.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
