import {
  ChannelPushError,
  type CancelRequest,
  type CancelResult,
  type PushContext,
} from '../../../core/channel-descriptor.ts';
import { AjioClient } from '../client.ts';
import { paths } from '../codes.ts';
import { callReporter, channelClient } from '../client-cache.ts';
import { AjioError } from '../errors.ts';
import { guardAnswer } from '../contract/guard.ts';
import { driftSentence } from '../contract/index.ts';
import { writeGate } from '../../../core/channel-mode/gate.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';

/**
 * Seller cancellation of PO lines (docs/ajio-contract.md §6). A cancel that times out may have landed,
 * and the client may even have sent it twice; so before the first send the lines' seller-cancelled
 * quantities are read and remembered with the outbox entry, and what landed is judged by reading the
 * PO back against them — a later attempt sends only what has not landed, never cancelling twice.
 * The cancel call itself is made once per attempt (no automatic repeat): a connection reset after the
 * request went out may have cancelled, and only the read-back can tell.
 */
type Ctx = PushContext<AjioSettings, AjioInterface>;
interface LineState {
  sellerCancelled: number;
  cancelled: number;
}

async function readBack(ctx: Ctx, request: CancelRequest): Promise<Map<string, LineState>> {
  const client = channelClient(ctx);
  const body = await client.get<{ orders?: any[] }>(paths.orders, { orderIds: request.orderId });
  const po = (body?.orders ?? []).find((o) => o?.po_number === request.poNumber || o?.order_id === request.orderId);
  if (!po || !Array.isArray(po.order_lines))
    throw new ChannelPushError(
      'fatal',
      `AJIO does not return PO ${request.poNumber}, so it cannot be cancelled there.`,
    );
  const state = new Map<string, LineState>();
  for (const l of po.order_lines) {
    const seller = Number(l?.seller_cancelled_qty ?? 0);
    state.set(String(l?.order_item_id), {
      sellerCancelled: seller,
      cancelled: seller + Number(l?.customer_cancelled_qty ?? 0),
    });
  }
  return state;
}

function singleShotClient(ctx: Ctx): AjioClient {
  return new AjioClient({
    baseUrl: ctx.settings.baseUrl,
    pathPrefix: ctx.settings.pathPrefix,
    username: ctx.credentials.username,
    password: ctx.credentials.password,
    requestsPerSecond: ctx.settings.rateLimitPerSecond,
    maxAttempts: 1,
    onCall: callReporter(ctx.channel.code),
  });
}

export async function cancelPush(ctx: Ctx, request: CancelRequest): Promise<CancelResult> {
  try {
    let before = ctx.memo.before as Record<string, number> | undefined;
    let toSend = request.lines;
    const current = await readBack(ctx, request);
    const landed = (state: Map<string, LineState>, l: CancelRequest['lines'][number]) =>
      (state.get(l.externalLineId)?.sellerCancelled ?? 0) >= before![l.externalLineId] + l.quantity;
    if (!before) {
      before = Object.fromEntries(
        request.lines.map((l) => [l.externalLineId, current.get(l.externalLineId)?.sellerCancelled ?? 0]),
      );
      await ctx.remember({ before });
    } else {
      toSend = request.lines.filter((l) => !landed(current, l));
    }
    const refused = new Map<string, string>();
    if (toSend.length) {
      try {
        const response = await singleShotClient(ctx).post<{
          order_lines?: { order_item_id?: string; error_message?: string }[];
        }>(
          paths.cancel,
          {
            po_number: request.poNumber,
            reason: request.reason,
            order_lines: toSend.map((l) => ({ order_item_id: l.externalLineId, cancelled_quantity: l.quantity })),
          },
          writeGate(ctx.database.db, ctx.channel.id, 'cancel', { kind: 'po', values: [request.poNumber] }),
        );
        // Refusals that cannot be read are not taken for "none refused": every line sent counts as
        // refused unless reading the PO back (below) shows it cancelled — nothing is sent twice.
        const check = await guardAnswer(ctx.database, ctx.channel.id, 'POST /orders/cancel', response);
        if (check.drift.length) {
          const why = `Contract drift: ${driftSentence('POST /orders/cancel', check.drift)}. AJIO's answer cannot be read and the line does not show as cancelled there.`;
          for (const l of toSend) refused.set(l.externalLineId, why);
        } else
          for (const line of response?.order_lines ?? [])
            if (line.error_message) refused.set(String(line.order_item_id), line.error_message);
      } catch (error) {
        if (!(error instanceof AjioError) || error.kind === 'fatal') throw error;
        const after = await readBack(ctx, request);
        const done = toSend.filter((l) => landed(after, l)).length;
        if (done === 0)
          throw new ChannelPushError('retryable', `${error.message} Nothing was cancelled at AJIO (read back).`);
        if (done < toSend.length) {
          throw new ChannelPushError(
            'indeterminate',
            `${error.message} Part of the cancellation shows at AJIO; sending it again cancels only the rest.`,
          );
        }
      }
    }
    const after = await readBack(ctx, request);
    return {
      lines: request.lines.map((l) => {
        const state = after.get(l.externalLineId);
        // A refusal for a line that did land is the echo of a repeated send: the first one was accepted.
        const error = refused.get(l.externalLineId);
        return error && !landed(after, l)
          ? { externalLineId: l.externalLineId, error, cancelledQty: state?.cancelled }
          : { externalLineId: l.externalLineId, cancelledQty: state?.cancelled };
      }),
    };
  } catch (error) {
    if (error instanceof AjioError) throw new ChannelPushError(error.kind, error.message, { cause: error });
    throw error;
  }
}
