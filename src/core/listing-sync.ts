import type { SqlSession } from '../db/connect.ts';
import type { RecordResult } from './sync/runs.ts';

/**
 * Marketplace listings as a pull stores them (moderation mode): upserted by channel SKU, auto-linked
 * to a Weft SKU by seller SKU (= SKU code), else by EAN, and deactivated when a complete pull no
 * longer sees them. Plain Weft-shaped data in; the channel module does the marketplace's field names.
 */
export interface ListingInput {
  channelSku: string;
  channelProductId: string;
  sellerSku: string | null;
  ean: string | null;
  title: string;
  brand: string;
  size: string;
  colour: string;
  hsn: string;
  mrpPaise: number | null;
  listingPricePaise: number | null;
  /** Published and live at the marketplace; a listing that is not is kept, inactive. */
  live: boolean;
  marketplaceInventory: number | null;
}

interface Existing {
  channel_sku: string;
  channel_product_id: string;
  seller_sku: string | null;
  ean: string | null;
  title: string;
  brand: string;
  size: string;
  colour: string;
  hsn: string;
  mrp_paise: string | number | null;
  listing_price_paise: string | number | null;
  live: boolean;
  active: boolean;
  sku_id: number | null;
  mapped_by: string | null;
  marketplace_inventory: number | null;
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

function differs(old: Existing, l: ListingInput): boolean {
  return (
    old.channel_product_id !== l.channelProductId ||
    old.seller_sku !== l.sellerSku ||
    old.ean !== l.ean ||
    old.title !== l.title ||
    old.brand !== l.brand ||
    old.size !== l.size ||
    old.colour !== l.colour ||
    old.hsn !== l.hsn ||
    num(old.mrp_paise) !== l.mrpPaise ||
    num(old.listing_price_paise) !== l.listingPricePaise ||
    old.live !== l.live ||
    old.active !== l.live ||
    old.marketplace_inventory !== l.marketplaceInventory
  );
}

/** The database's clock: `last_seen_at` is stamped with it, so "not seen since" compares like with like. */
export async function databaseNow(session: SqlSession): Promise<Date> {
  const { rows } = await session.query<{ now: string | Date }>('select now() as now');
  return new Date(rows[0].now);
}

// A link made by a person (or an unlink: mapped_by set, sku_id null) is never replaced by an automatic
// one; the check runs inside the statement, so a link made while a pull runs is kept too.
const upsertSql = `
  insert into channel_listings (channel_id, channel_sku, channel_product_id, seller_sku, ean, title, brand, size, colour, hsn,
    mrp_paise, listing_price_paise, live, active, marketplace_inventory, sku_id, mapped_by, mapped_at, last_seen_at, updated_at)
  select $1, t.sku, t.pid, t.seller_sku, t.ean, t.title, t.brand, t.size, t.colour, t.hsn, t.mrp, t.price, t.live, t.live, t.inv,
    t.sku_id, case when t.sku_id is null then null else t.mapped_by end, case when t.sku_id is null then null else now() end,
    now(), case when t.changed then now() else coalesce(t.prev_updated, now()) end
  from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
    $11::bigint[], $12::bigint[], $13::boolean[], $14::int[], $15::int[], $16::text[], $17::boolean[], $18::timestamptz[])
    as t(sku, pid, seller_sku, ean, title, brand, size, colour, hsn, mrp, price, live, inv, sku_id, mapped_by, changed, prev_updated)
  on conflict (channel_id, channel_sku) do update set
    channel_product_id = excluded.channel_product_id, seller_sku = excluded.seller_sku, ean = excluded.ean,
    title = excluded.title, brand = excluded.brand, size = excluded.size, colour = excluded.colour, hsn = excluded.hsn,
    mrp_paise = excluded.mrp_paise, listing_price_paise = excluded.listing_price_paise, live = excluded.live,
    active = excluded.active, marketplace_inventory = excluded.marketplace_inventory, last_seen_at = now(),
    updated_at = case when channel_listings.sku_id is null and channel_listings.mapped_by is null and excluded.sku_id is not null
      then now() else excluded.updated_at end,
    sku_id = case when channel_listings.sku_id is null and channel_listings.mapped_by is null then excluded.sku_id else channel_listings.sku_id end,
    mapped_by = case when channel_listings.sku_id is null and channel_listings.mapped_by is null then excluded.mapped_by else channel_listings.mapped_by end,
    mapped_at = case when channel_listings.sku_id is null and channel_listings.mapped_by is null then excluded.mapped_at else channel_listings.mapped_at end`;

/** Upserts a page of listings; one outcome per listing (created / updated / unchanged). */
export async function upsertListings(
  session: SqlSession,
  channelId: number,
  input: ListingInput[],
): Promise<RecordResult[]> {
  // The same channel SKU twice in one statement would be refused: the later copy wins.
  const listings = [...new Map(input.map((l) => [l.channelSku, l])).values()];
  if (listings.length === 0) return [];
  const { rows: existingRows } = await session.query<Existing & { updated_at: string | Date }>(
    `select channel_sku, channel_product_id, seller_sku, ean, title, brand, size, colour, hsn, mrp_paise, listing_price_paise,
       live, active, sku_id, mapped_by, marketplace_inventory, updated_at
     from channel_listings where channel_id = $1 and channel_sku = any($2::text[])`,
    [channelId, listings.map((l) => l.channelSku)],
  );
  const existing = new Map(existingRows.map((r) => [r.channel_sku, r]));
  const sellerSkus = listings.map((l) => l.sellerSku).filter((s): s is string => !!s);
  const eans = listings.map((l) => l.ean).filter((s): s is string => !!s);
  const { rows: matches } = await session.query<{ id: number; code: string; ean: string | null }>(
    'select id, code, ean from skus where active and (code = any($1::text[]) or ean = any($2::text[]))',
    [sellerSkus, eans],
  );
  const byCode = new Map(matches.map((m) => [m.code, m.id]));
  const byEan = new Map(matches.filter((m) => m.ean).map((m) => [m.ean!, m.id]));

  const results: RecordResult[] = [];
  const auto = listings.map((l) => {
    const old = existing.get(l.channelSku);
    const open = !old || (old.sku_id === null && old.mapped_by === null);
    const bySeller = l.sellerSku ? byCode.get(l.sellerSku) : undefined;
    const byEanId = bySeller === undefined && l.ean ? byEan.get(l.ean) : undefined;
    const skuId = open ? (bySeller ?? byEanId ?? null) : null;
    const changed = !old || differs(old, l) || skuId !== null;
    results.push({ key: l.channelSku, outcome: !old ? 'created' : changed ? 'updated' : 'unchanged' });
    return {
      skuId,
      mappedBy: bySeller !== undefined ? 'auto:seller-sku' : 'auto:ean',
      changed,
      prevUpdated: old?.updated_at ?? null,
    };
  });
  await session.query(upsertSql, [
    channelId,
    listings.map((l) => l.channelSku),
    listings.map((l) => l.channelProductId),
    listings.map((l) => l.sellerSku),
    listings.map((l) => l.ean),
    listings.map((l) => l.title),
    listings.map((l) => l.brand),
    listings.map((l) => l.size),
    listings.map((l) => l.colour),
    listings.map((l) => l.hsn),
    listings.map((l) => l.mrpPaise),
    listings.map((l) => l.listingPricePaise),
    listings.map((l) => l.live),
    listings.map((l) => l.marketplaceInventory),
    auto.map((a) => a.skuId),
    auto.map((a) => a.mappedBy),
    auto.map((a) => a.changed),
    auto.map((a) => (a.prevUpdated === null ? null : new Date(a.prevUpdated).toISOString())),
  ]);
  return results;
}

/** After a complete pull: listings it did not see are gone at the marketplace and become inactive. */
export async function deactivateUnseen(
  session: SqlSession,
  channelId: number,
  pullStartedAt: Date,
): Promise<RecordResult[]> {
  const { rows } = await session.query<{ channel_sku: string }>(
    `update channel_listings set active = false, updated_at = now()
     where channel_id = $1 and active and last_seen_at < $2 returning channel_sku`,
    [channelId, pullStartedAt.toISOString()],
  );
  return rows.map((r) => ({
    key: r.channel_sku,
    outcome: 'updated' as const,
    message: 'No longer listed at the marketplace: made inactive.',
  }));
}

/**
 * Listings the pull saw but could not read (a malformed item): they are still listed at the
 * marketplace, so they count as seen and are not deactivated for the marketplace's bad data.
 */
export async function touchListings(session: SqlSession, channelId: number, channelSkus: string[]): Promise<void> {
  if (channelSkus.length === 0) return;
  await session.query(
    'update channel_listings set last_seen_at = now() where channel_id = $1 and channel_sku = any($2::text[])',
    [channelId, channelSkus],
  );
}
