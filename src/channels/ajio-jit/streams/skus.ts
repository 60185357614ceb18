import type { StreamContext, StreamRunner } from '../../../core/channel-descriptor.ts';
import { noteMarketplaceFigures } from '../../../core/inventory/marketplace-figure.ts';
import { databaseNow, deactivateUnseen, touchListings, upsertListings } from '../../../core/listing-sync.ts';
import { advanceCursor, readCursor, type CursorPosition } from '../../../core/sync/cursors.ts';
import type { RecordResult } from '../../../core/sync/runs.ts';
import type { AjioClient } from '../client.ts';
import { paths } from '../codes.ts';
import { channelClient } from '../client-cache.ts';
import { AjioError } from '../errors.ts';
import { parseProducts, type ParsedProducts } from '../parse/products.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';
import { fetchPage, risingClock } from './paging.ts';
import { guardAnswer } from '../contract/guard.ts';

type Context = StreamContext<AjioSettings, AjioInterface>;

/** A pull interrupted after this long starts over instead of resuming: the catalogue may have moved. */
const resumeWithinMs = 6 * 60 * 60 * 1000;

interface SkuCursor extends CursorPosition {
  /** Set while a pull is under way: where it resumes, and when it began (for "not seen since"). */
  pullStartedAt?: string | null;
  nextPage?: number | null;
  lastCompleteAt?: string | null;
}

/** Stores a page read at `readAt` (the database's clock before the read): listings, and AJIO's stock figures for the push. */
async function store(ctx: Context, parsed: ParsedProducts, readAt: Date | null): Promise<number> {
  const results: RecordResult[] = await upsertListings(ctx.database, ctx.channel.id, parsed.listings);
  if (readAt)
    await noteMarketplaceFigures(
      ctx.database,
      ctx.channel.id,
      parsed.listings.map((l) => ({ channelSku: l.channelSku, quantity: l.marketplaceInventory })),
      readAt,
    );
  // A listing AJIO sent malformed is still listed there: keep it from being deactivated.
  await touchListings(
    ctx.database,
    ctx.channel.id,
    parsed.failures.map((f) => f.key),
  );
  results.push(
    ...parsed.failures.map(
      (f): RecordResult => ({ key: f.key, outcome: 'failed', message: f.message, payload: f.payload }),
    ),
  );
  await ctx.record(results);
  return results.length;
}

async function fullPull(ctx: Context, client: AjioClient): Promise<void> {
  const { database, channel } = ctx;
  const clock = risingClock();
  const cursor = (await readCursor(database.db, channel.id, 'skus')) as SkuCursor | null;
  const resumable = cursor?.pullStartedAt && cursor.nextPage && Date.now() - Date.parse(cursor.at) < resumeWithinMs;
  const pullStartedAt = resumable ? new Date(cursor.pullStartedAt!) : await databaseNow(database);
  let page = resumable ? cursor.nextPage! : 1;
  if (resumable) ctx.log.info({ page }, 'resuming the SKU pull from its checkpoint');
  let done = 0;
  for (;;) {
    // Every published state: an unpublished listing is kept, inactive, rather than looking deleted.
    const readAt = await databaseNow(database);
    const { items, totalPages, totalElements, body } = await fetchPage(client, paths.products, {}, page, 'products');
    await guardAnswer(database, channel.id, 'GET /products', body);
    const parsed = parseProducts(items);
    if (page === 1 || done === 0) {
      const perProduct = items.length ? (parsed.listings.length + parsed.failures.length) / items.length : 1;
      await ctx.setTotal(Math.round(totalElements * perProduct));
    }
    done += await store(ctx, parsed, readAt);
    const last = page >= totalPages || items.length === 0;
    const position: SkuCursor = last
      ? { at: clock(), pullStartedAt: null, nextPage: null, lastCompleteAt: pullStartedAt.toISOString() }
      : {
          at: clock(),
          pullStartedAt: pullStartedAt.toISOString(),
          nextPage: page + 1,
          lastCompleteAt: cursor?.lastCompleteAt ?? null,
        };
    if (last) {
      // Complete: whatever this pull (and the run it resumed) did not see is gone at AJIO.
      await ctx.record(await deactivateUnseen(database, channel.id, pullStartedAt));
      await advanceCursor(database.db, channel.id, 'skus', position);
      return;
    }
    await advanceCursor(database.db, channel.id, 'skus', position);
    page++;
  }
}

/** A key that is an AJIO SKU code can be read again on its own; others are re-read from the stored payload. */
const isSkuCode = (key: string) => /^[A-Za-z0-9._-]+$/.test(key);

async function retry(ctx: Context, client: AjioClient): Promise<void> {
  await ctx.setTotal(ctx.retrying!.length);
  for (const record of ctx.retrying!) {
    try {
      if (isSkuCode(record.recordKey)) {
        const readAt = await databaseNow(ctx.database);
        const { items } = await fetchPage(client, paths.products, { sku: record.recordKey }, 1, 'products');
        if (items.length === 0) {
          await ctx.record([
            {
              key: record.recordKey,
              outcome: 'unchanged',
              message: 'AJIO no longer lists this SKU; nothing to store.',
            },
          ]);
          continue;
        }
        await store(ctx, parseProducts(items), readAt);
      } else {
        // A kept payload is old: its stock figure says nothing about AJIO now.
        await store(ctx, parseProducts([record.payload]), null);
      }
    } catch (error) {
      if (!(error instanceof AjioError)) throw error;
      // Still failing: kept as a failed record again, so the next retry has it.
      await ctx.record([
        {
          key: record.recordKey,
          outcome: 'failed',
          message: `The retry could not read it from AJIO: ${error.message}`,
          payload: record.payload,
        },
      ]);
    }
  }
}

export const skusStream: StreamRunner<AjioSettings, AjioInterface> = {
  name: 'skus',
  description: 'Pulls AJIO listings (moderation mode) and links them to Weft SKUs by seller SKU, else EAN.',
  disabledBecause: (settings) =>
    settings.skuSync.mode === 'off'
      ? 'SKU sync is off in the channel settings: set it to pull to read AJIO listings.'
      : null,
  schedule: (settings) => (settings.skuSync.mode === 'off' ? null : { everyMinutes: settings.skuSync.intervalMinutes }),
  async run(ctx) {
    const client = channelClient(ctx);
    if (ctx.retrying) await retry(ctx, client);
    else await fullPull(ctx, client);
  },
};
