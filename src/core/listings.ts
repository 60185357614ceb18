import { and, asc, eq, gt, ilike, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { channelListings, skus } from '../db/schema.ts';
import { audit } from './audit.ts';
import { relinkBackorders } from './backorders.ts';
import { AppError, invalid, notFound } from './errors.ts';

/**
 * Channel mappings: a channel's listings, each linked (or not yet) to a Weft SKU. Only linked
 * listings take part in inventory and orders. People link the ones moderation mode could not.
 */
export interface ListingQuery {
  mapped?: boolean;
  active?: boolean;
  /** Channel SKU, seller SKU, EAN (exact or part) or title (part). */
  q?: string;
  /** Keyset paging: the last channel SKU of the previous page. */
  after?: string;
  limit?: number;
}

const listingColumns = {
  channelSku: channelListings.channelSku,
  channelProductId: channelListings.channelProductId,
  sellerSku: channelListings.sellerSku,
  ean: channelListings.ean,
  title: channelListings.title,
  brand: channelListings.brand,
  size: channelListings.size,
  colour: channelListings.colour,
  hsn: channelListings.hsn,
  mrpPaise: channelListings.mrpPaise,
  listingPricePaise: channelListings.listingPricePaise,
  live: channelListings.live,
  active: channelListings.active,
  sku: skus.code,
  mappedBy: channelListings.mappedBy,
  mappedAt: channelListings.mappedAt,
  buffer: channelListings.buffer,
  marketplaceInventory: channelListings.marketplaceInventory,
  lastSeenAt: channelListings.lastSeenAt,
  updatedAt: channelListings.updatedAt,
};

export type ListingView = Awaited<ReturnType<typeof listListings>>['items'][number];

export async function listListings(db: Db, channelId: number, query: ListingQuery) {
  const limit = Math.min(query.limit ?? 50, 500);
  const filters: (SQL | undefined)[] = [eq(channelListings.channelId, channelId)];
  if (query.mapped !== undefined)
    filters.push(query.mapped ? isNotNull(channelListings.skuId) : isNull(channelListings.skuId));
  if (query.active !== undefined) filters.push(eq(channelListings.active, query.active));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '\\$&')}%`;
    filters.push(
      or(
        ilike(channelListings.channelSku, like),
        ilike(channelListings.sellerSku, like),
        ilike(channelListings.ean, like),
        ilike(channelListings.title, like),
      ),
    );
  }
  if (query.after) filters.push(gt(channelListings.channelSku, query.after));
  const items = await db
    .select(listingColumns)
    .from(channelListings)
    .leftJoin(skus, eq(skus.id, channelListings.skuId))
    .where(and(...filters))
    .orderBy(asc(channelListings.channelSku))
    .limit(limit + 1);
  const more = items.length > limit;
  if (more) items.pop();
  return { items, next: more ? items.at(-1)!.channelSku : null };
}

export async function getListing(db: Db, channelId: number, channelSku: string): Promise<ListingView> {
  const [row] = await db
    .select(listingColumns)
    .from(channelListings)
    .leftJoin(skus, eq(skus.id, channelListings.skuId))
    .where(and(eq(channelListings.channelId, channelId), eq(channelListings.channelSku, channelSku)));
  if (!row) throw notFound(`This channel has no listing with channel SKU ${channelSku}: pull SKUs first.`);
  return row;
}

async function listingRow(db: Db, channelId: number, channelSku: string) {
  const [row] = await db
    .select()
    .from(channelListings)
    .where(and(eq(channelListings.channelId, channelId), eq(channelListings.channelSku, channelSku)));
  if (!row) throw notFound(`This channel has no listing with channel SKU ${channelSku}: pull SKUs first.`);
  return row;
}

export const unmappedReason = (channelSku: string) =>
  `Channel SKU ${channelSku} is not mapped to a Weft SKU: link it under Channel mappings, then retry.`;

/** Links a listing to the Weft SKU with this code; its back orders start reserving that SKU at once. */
export async function linkListing(
  db: Db,
  channelId: number,
  channelSku: string,
  skuCode: string,
  actor: string,
): Promise<ListingView> {
  const code = skuCode.trim();
  if (!code) throw invalid('Give the Weft SKU code to link this listing to.', 'sku');
  await db.transaction(async (tx) => {
    const listing = await listingRow(tx, channelId, channelSku);
    const [sku] = await tx.select().from(skus).where(eq(skus.code, code));
    if (!sku) throw invalid(`There is no Weft SKU with code ${code}.`, 'sku');
    if (!sku.active)
      throw new AppError('conflict', `Weft SKU ${code} is inactive: activate it before linking listings to it.`, {
        field: 'sku',
      });
    if (listing.skuId === sku.id) return;
    await tx
      .update(channelListings)
      .set({ skuId: sku.id, mappedBy: `manual:${actor}`, mappedAt: new Date(), updatedAt: new Date() })
      .where(eq(channelListings.id, listing.id));
    await relinkBackorders(tx, channelId, channelSku, sku.id, unmappedReason(channelSku));
    await audit(tx, {
      actor,
      action: 'link',
      entity: 'channel_listing',
      entityId: `${channelId}:${channelSku}`,
      before: { skuId: listing.skuId, mappedBy: listing.mappedBy },
      after: { sku: code },
    });
  });
  return getListing(db, channelId, channelSku);
}

/**
 * Unlinks a listing. It stays unlinked — moderation mode will not link it again on the next pull —
 * until a person links it; its open back orders become exceptions.
 */
export async function unlinkListing(
  db: Db,
  channelId: number,
  channelSku: string,
  actor: string,
): Promise<ListingView> {
  await db.transaction(async (tx) => {
    const listing = await listingRow(tx, channelId, channelSku);
    if (listing.skuId === null) return;
    await tx
      .update(channelListings)
      .set({ skuId: null, mappedBy: `unlinked:${actor}`, mappedAt: new Date(), updatedAt: new Date() })
      .where(eq(channelListings.id, listing.id));
    await relinkBackorders(tx, channelId, channelSku, null, unmappedReason(channelSku));
    await audit(tx, {
      actor,
      action: 'unlink',
      entity: 'channel_listing',
      entityId: `${channelId}:${channelSku}`,
      before: { skuId: listing.skuId, mappedBy: listing.mappedBy },
    });
  });
  return getListing(db, channelId, channelSku);
}

/** Units held back from the marketplace for this listing (the channel buffer). */
export async function setListingBuffer(
  db: Db,
  channelId: number,
  channelSku: string,
  buffer: number,
  actor: string,
): Promise<ListingView> {
  if (!Number.isInteger(buffer) || buffer < 0)
    throw invalid('The buffer is a whole number of units, 0 or more.', 'buffer');
  await db.transaction(async (tx) => {
    const listing = await listingRow(tx, channelId, channelSku);
    await tx.update(channelListings).set({ buffer, updatedAt: new Date() }).where(eq(channelListings.id, listing.id));
    await audit(tx, {
      actor,
      action: 'set-buffer',
      entity: 'channel_listing',
      entityId: `${channelId}:${channelSku}`,
      before: { buffer: listing.buffer },
      after: { buffer },
    });
  });
  return getListing(db, channelId, channelSku);
}
