import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { skus } from '../../db/schema.ts';
import { audit } from '../audit.ts';
import { conflict, isUniqueViolation, notFound } from '../errors.ts';
import { newSkuSchema, skuChangeSchema, type NewSku, type SkuChange } from './sku-fields.ts';

export type Sku = typeof skus.$inferSelect;

function explainUnique(error: unknown, code: string, ean: string | null | undefined): never {
  if (isUniqueViolation(error)) {
    const detail = String((error as { detail?: string }).detail ?? (error as Error).message);
    if (detail.includes('ean')) throw conflict(`EAN ${ean} already belongs to another SKU.`, 'ean');
    throw conflict(`A SKU with code ${code} already exists.`, 'code');
  }
  throw error;
}

export async function createSku(db: Db, input: NewSku, actor: string): Promise<Sku> {
  const data = newSkuSchema.parse(input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(skus)
        .values({ ...data, ean: data.ean || null })
        .returning();
      await audit(tx, { actor, action: 'create', entity: 'sku', entityId: row.code, after: row });
      return row;
    });
  } catch (error) {
    explainUnique(error, data.code, data.ean);
  }
}

export async function getSku(db: Db, code: string): Promise<Sku> {
  const [row] = await db.select().from(skus).where(eq(skus.code, code));
  if (!row) throw notFound(`There is no SKU with code ${code}.`);
  return row;
}

/** A scan at a pack or receiving station may be the SKU code or its EAN. */
export async function findSkuByScan(db: Db, scanned: string): Promise<Sku | null> {
  const [row] = await db
    .select()
    .from(skus)
    .where(or(eq(skus.code, scanned), eq(skus.ean, scanned)))
    .limit(1);
  return row ?? null;
}

export async function updateSku(db: Db, code: string, change: SkuChange, actor: string): Promise<Sku> {
  const data = skuChangeSchema.parse(change);
  try {
    return await db.transaction(async (tx) => {
      const before = await getSku(tx, code);
      const [row] = await tx
        .update(skus)
        .set({ ...data, updatedAt: new Date() })
        .where(eq(skus.id, before.id))
        .returning();
      await audit(tx, { actor, action: 'update', entity: 'sku', entityId: code, before, after: row });
      return row;
    });
  } catch (error) {
    explainUnique(error, code, data.ean);
  }
}

export interface SkuQuery {
  q?: string;
  active?: boolean;
  /** Keyset paging: the last code of the previous page. */
  after?: string;
  limit?: number;
}

export async function listSkus(db: Db, query: SkuQuery): Promise<{ items: Sku[]; next: string | null }> {
  const limit = Math.min(query.limit ?? 50, 500);
  const filters: SQL[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    filters.push(or(ilike(skus.code, like), ilike(skus.name, like), eq(skus.ean, query.q), ilike(skus.style, like))!);
  }
  if (query.active !== undefined) filters.push(eq(skus.active, query.active));
  if (query.after) filters.push(gt(skus.code, query.after));
  const items = await db
    .select()
    .from(skus)
    .where(and(...filters))
    .orderBy(asc(skus.code))
    .limit(limit + 1);
  const more = items.length > limit;
  if (more) items.pop();
  return { items, next: more ? items.at(-1)!.code : null };
}

export async function countSkus(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(skus);
  return row.n;
}
