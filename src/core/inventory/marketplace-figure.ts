import type { SqlSession } from '../../db/connect.ts';

/**
 * The marketplace's own stock figure of a listing, as far as Weft knows it, kept in listing_inventory.quantity:
 * what a push set it to, lowered when the back-order pull first sees a customer order placed after
 * that push (the marketplace takes ordered units off its figure itself, and does not give them back
 * when the customer cancels), and replaced by what a read of the marketplace's catalogue showed.
 * The incremental push sends every listing whose figure differs from this — not only those whose
 * figure changed since Weft's last push — so the marketplace is never left short (or over) until the
 * daily reconciliation. breakdown.pushed keeps the figure Weft last sent.
 */
export interface NewDemand {
  channelSku: string;
  quantity: number;
  /** When the customer ordered, on the marketplace's clock; null when it gave no date. */
  orderedAt: Date | null;
}

/** New customer orders seen by the back-order pull: the marketplace's figure fell by their units. */
export async function lowerForNewDemand(session: SqlSession, channelId: number, demand: NewDemand[]): Promise<void> {
  const lines = demand.filter((d) => d.quantity > 0);
  if (lines.length === 0) return;
  await session.query(
    `
    update listing_inventory li set quantity = greatest(0, li.quantity - t.q),
      message = 'The marketplace took ' || t.q || ' off its figure for new customer orders; Weft sends its own figure again when it differs.'
    from (
      select l.id, sum(u.qty)::int as q
      from unnest($2::text[], $3::int[], $4::timestamptz[]) as u(sku, qty, at)
      join channel_listings l on l.channel_id = $1 and l.channel_sku = u.sku
      join listing_inventory x on x.listing_id = l.id
      -- An order placed before Weft's last push is already in the absolute figure that push set. The
      -- marketplace dates orders to the second: within the push's own second the order counts as later.
      where u.at is null or date_trunc('second', x.pushed_at) <= u.at
      group by l.id
    ) t
    where li.listing_id = t.id`,
    [
      channelId,
      lines.map((l) => l.channelSku),
      lines.map((l) => l.quantity),
      lines.map((l) => l.orderedAt?.toISOString() ?? null),
    ],
  );
}

/**
 * Figures a read of the marketplace's catalogue showed (`readAt`: the database's clock before the
 * read). A push that finished after the read is newer than what it saw, and one in flight will set
 * the figure itself, so those listings are left alone.
 */
export async function noteMarketplaceFigures(
  session: SqlSession,
  channelId: number,
  figures: { channelSku: string; quantity: number | null }[],
  readAt: Date,
): Promise<void> {
  const known = figures.filter((f): f is { channelSku: string; quantity: number } => f.quantity !== null);
  if (known.length === 0) return;
  await session.query(
    `
    update listing_inventory li set quantity = t.q,
      message = 'The marketplace showed ' || t.q || ' when its catalogue was read; Weft sends its own figure again when it differs.'
    from (
      select l.id, u.q from unnest($2::text[], $3::int[]) as u(sku, q)
      join channel_listings l on l.channel_id = $1 and l.channel_sku = u.sku
    ) t
    where li.listing_id = t.id and li.quantity <> t.q and li.pushed_at < $4 and li.status <> 'in_process'`,
    [channelId, known.map((f) => f.channelSku), known.map((f) => f.quantity), readAt.toISOString()],
  );
}
