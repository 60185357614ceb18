import { ChannelPushError, type ChannelReadContext } from '../../core/channel-descriptor.ts';
import type { ParsedOrder } from '../../core/orders/types.ts';
import { paths } from './codes.ts';
import { channelClient } from './client-cache.ts';
import { AjioError } from './errors.ts';
import { parseOrdersAnswer } from './contract/guard.ts';
import type { AjioInterface, AjioSettings } from './settings.ts';

/**
 * POs as AJIO holds them now (`GET /orders?orderIds=`, docs/ajio-contract.md §5), parsed like the
 * order pull parses them. The core reads a PO back before invoicing it: a seller cancellation changes
 * the line's quantities and tax at AJIO, and AJIO's invoice is checked against that tax.
 */
const idsPerCall = 50;

export async function readOrders(
  ctx: ChannelReadContext<AjioSettings, AjioInterface>,
  externalIds: string[],
): Promise<ParsedOrder[]> {
  const client = channelClient(ctx);
  const out: ParsedOrder[] = [];
  try {
    for (let i = 0; i < externalIds.length; i += idsPerCall) {
      const body = await client.get<{ orders?: unknown[] }>(paths.orders, {
        orderIds: externalIds.slice(i, i + idsPerCall).join(','),
      });
      out.push(...(await parseOrdersAnswer(ctx.database, ctx.channel.id, body?.orders ?? [], body)));
    }
  } catch (error) {
    if (error instanceof AjioError)
      throw new ChannelPushError(error.kind === 'fatal' ? 'fatal' : 'retryable', error.message, { cause: error });
    throw error;
  }
  return out;
}
