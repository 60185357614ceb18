import { ChannelPushError, type ChannelReadContext, type StockReading } from '../../core/channel-descriptor.ts';
import { channelClient } from './client-cache.ts';
import { paths } from './codes.ts';
import { guardAnswer } from './contract/guard.ts';
import { AjioError } from './errors.ts';
import type { AjioInterface, AjioSettings } from './settings.ts';
import { type AjioVariant, ajioFigure } from './streams/reconcile.ts';

/**
 * AJIO's own stock figure of every variant, read from /products page by page exactly as reconciliation
 * reads it (and checked by the same contract guard), but nothing is compared or corrected here: the
 * cut-over report shows it beside Weft's figure. A variant without a readable figure is null, never 0.
 */
export async function readStock(ctx: ChannelReadContext<AjioSettings, AjioInterface>): Promise<StockReading> {
  const client = channelClient(ctx);
  const figures = new Map<string, number | null>();
  let complete = false;
  try {
    for await (const page of client.pages<{ variants?: AjioVariant[] }>(paths.products, {}, (b) => b?.products)) {
      complete = page.page >= page.totalPages;
      await guardAnswer(ctx.database, ctx.channel.id, 'GET /products (stock figures)', page.body);
      for (const product of page.items) {
        for (const variant of Array.isArray(product?.variants) ? product.variants : []) {
          const sku = String(variant?.sku ?? variant?.variantId ?? '');
          if (sku) figures.set(sku, ajioFigure(variant));
        }
      }
    }
  } catch (error) {
    if (error instanceof AjioError)
      throw new ChannelPushError(error.kind === 'fatal' ? 'fatal' : 'retryable', error.message);
    throw error;
  }
  return { figures, complete };
}
