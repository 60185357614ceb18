import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { id64, maxUnits, quantity, text } from '../schema-types.ts';
import type { Database, Db } from '../../db/connect.ts';
import { channels, invoices, orderEvents, orderLines, orders, warehouses } from '../../db/schema.ts';
import { audit } from '../audit.ts';
import { notingLoginRefusal } from '../channel-login.ts';
import type { CancelResult, ChannelDescriptor } from '../channel-descriptor.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import type { SecretBox } from '../secrets.ts';
import { findByKey } from '../sync/outbox.ts';
import { sendOnce } from '../sync/outbox-send.ts';
import { moveOrder } from './lifecycle.ts';
import { getOrder, type OrderDetail } from './queries.ts';

/**
 * Seller cancellation of order lines, full or partial. Checked here first (lines of this order,
 * quantities still open, not once invoiced unless the channel allows it), then sent through an outbox
 * entry whose key is the PO and a hash of the lines — so repeating the request, after a lost answer or
 * a timeout, reaches the marketplace once. What the marketplace accepted raises the lines' cancelled
 * quantity (which releases their allocation) and goes on the timeline; refusals come back per line.
 */
export const cancelRequestSchema = z.object({
  reason: text({ max: 200 }).trim().min(1, 'Give the reason for the cancellation.'),
  lines: z
    .array(
      z
        .object({
          lineId: id64('line id').optional(),
          externalLineId: text({ max: 200 }).trim().min(1).optional(),
          quantity: quantity({ min: 1, message: `Cancel from 1 to ${maxUnits} units of a line.` }),
        })
        .refine(
          (l) => l.lineId !== undefined || l.externalLineId !== undefined,
          'Name each line by lineId or externalLineId.',
        ),
    )
    .min(1, 'Name the lines to cancel and how many units of each.')
    .max(1000, 'Cancel at most 1000 lines in one request.'),
});
export type CancelInput = z.input<typeof cancelRequestSchema>;

/** From packed on a PO has been invoiced; before that it may have been, by a prefetch. */
const invoicedStatuses = new Set(['packed', 'ready_to_ship', 'shipped', 'delivered']);

export interface CancelDeps {
  database: Database;
  secrets: SecretBox;
  lookup: (type: string) => ChannelDescriptor | undefined;
}

export interface CancelOutcome {
  order: OrderDetail;
  /** True when this exact request had already been sent: nothing was sent again. */
  repeated: boolean;
  lines: { lineId: number; externalLineId: string; quantity: number; cancelled: boolean; error?: string }[];
}

type Requested = { lineId: number; externalLineId: string; quantity: number };
type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;

export async function cancelOrder(
  deps: CancelDeps,
  orderId: number,
  input: CancelInput,
  actor: string,
): Promise<CancelOutcome> {
  const db = deps.database.db;
  const request = cancelRequestSchema.parse(input);
  const { order, channel, warehouseCode } = await loadOrder(db, orderId);
  const descriptor = deps.lookup(channel.type);
  const cancelPush = descriptor?.pushes?.cancel;
  if (!descriptor || !cancelPush) throw conflict(`Orders of ${channel.type} channels cannot be cancelled from Weft.`);
  // A refused login during the cancellation marks the channel, as a refused sync run does.
  const push = notingLoginRefusal(descriptor, cancelPush);
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  const requested = resolveLines(order, lines, request.lines);
  const key = cancelKey(order.poNumber, requested);

  const earlier = await findByKey(db, key);
  if (earlier?.status === 'succeeded')
    return outcome(db, orderId, requested, earlier.response as unknown as CancelResult, true);
  await checkCancellable(db, descriptor, order, lines, requested);

  const po = order.poNumber;
  const market = descriptor.displayName;
  const { stored, result } = await sendOnce<CancelResult>(db, {
    channelId: channel.id,
    kind: 'cancel',
    idempotencyKey: key,
    payload: { orderId, poNumber: po, reason: request.reason, lines: requested },
    what: `the cancellation of PO ${po} at ${market}`,
    send: (memo, remember) =>
      push(
        {
          database: deps.database,
          settings: channel.settings,
          credentials: deps.secrets.openJson(channel.credentials!),
          channel: {
            id: channel.id,
            code: channel.code,
            name: channel.name,
            warehouseId: channel.warehouseId,
            warehouseCode,
          },
          memo,
          remember,
        },
        {
          poNumber: po,
          orderId: order.externalId,
          reason: request.reason,
          lines: requested.map((r) => ({ externalLineId: r.externalLineId, quantity: r.quantity })),
        },
      ),
    keep: (r) => r as unknown as Record<string, unknown>,
    refusal: (r) => refusalOf(r, market),
    apply: (tx, r) =>
      applyCancellation(tx, {
        orderId,
        before: order.status,
        requested,
        result: r,
        market,
        reason: request.reason,
        actor,
      }),
    say: cancelMessages(po, market),
  });
  return outcome(db, orderId, requested, result ?? (stored as unknown as CancelResult), result === null);
}

/** The outbox key of one cancellation: the PO and a hash of the lines and quantities asked for. */
function cancelKey(poNumber: string, requested: Requested[]): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(requested.map((r) => [r.externalLineId, r.quantity])))
    .digest('hex')
    .slice(0, 24);
  return `cancel:${poNumber}:${hash}`;
}

/** An answer in which the marketplace cancelled no line at all is its refusal. */
function refusalOf(result: CancelResult, market: string): AppError | null {
  if (result.lines.some((l) => !l.error)) return null;
  return new AppError(
    'conflict',
    `${market} refused the cancellation: ${result.lines.map((l) => `line ${l.externalLineId}: ${l.error}`).join('; ')}.`,
    { details: result.lines },
  );
}

/** What the person cancelling is told when the call is busy, failed, refused or unconfirmed. */
function cancelMessages(po: string, market: string) {
  return {
    busy: () =>
      `This cancellation of PO ${po} is being sent to ${market} right now: look at the order again in a minute.`,
    retryable: (detail: string) =>
      `${market} could not take the cancellation of PO ${po} now (${detail}); nothing was cancelled: try again.`,
    fatal: (detail: string) => `${market} refused the cancellation of PO ${po}: ${detail}`,
    indeterminate: (detail: string) =>
      `${market} did not confirm the cancellation of PO ${po} (${detail}). ` +
      'Send the same request again: Weft first checks what landed and never cancels twice.',
  };
}

async function loadOrder(db: Db, orderId: number) {
  const [row] = await db
    .select({ order: orders, channel: channels, warehouseCode: warehouses.code })
    .from(orders)
    .innerJoin(channels, eq(channels.id, orders.channelId))
    .innerJoin(warehouses, eq(warehouses.id, channels.warehouseId))
    .where(eq(orders.id, orderId));
  if (!row) throw notFound(`There is no order ${orderId}.`);
  return row;
}

/** The request's lines as lines of this order, each named once, in line order (so the key does not depend on the order given). */
function resolveLines(
  order: OrderRow,
  lines: LineRow[],
  asked: z.output<typeof cancelRequestSchema>['lines'],
): Requested[] {
  const requested = asked.map((r) => {
    const line = lines.find((l) =>
      r.lineId !== undefined ? l.id === r.lineId : l.externalLineId === r.externalLineId,
    );
    if (!line) throw invalid(`PO ${order.poNumber} has no line ${r.lineId ?? r.externalLineId}.`, 'lines');
    return { lineId: line.id, externalLineId: line.externalLineId, quantity: r.quantity };
  });
  if (new Set(requested.map((r) => r.lineId)).size !== requested.length) throw invalid('Name each line once.', 'lines');
  return requested.sort((a, b) => a.lineId - b.lineId);
}

/** Refuses what the marketplace would refuse or Weft must not send: a cancelled or invoiced PO, more units than are open, part of a line where only whole lines cancel. */
async function checkCancellable(
  db: Db,
  descriptor: ChannelDescriptor,
  order: OrderRow,
  lines: LineRow[],
  requested: Requested[],
): Promise<void> {
  if (order.status === 'cancelled') throw conflict(`PO ${order.poNumber} is already cancelled.`);
  const [prefetched] = await db
    .select({ number: invoices.invoiceNumber })
    .from(invoices)
    .where(and(eq(invoices.orderId, order.id), eq(invoices.status, 'active')));
  if ((invoicedStatuses.has(order.status) || prefetched) && !descriptor.capabilities.cancelAfterInvoice) {
    const which = prefetched ? `as ${prefetched.number}` : `(it is ${order.status.replace(/_/g, ' ')})`;
    throw conflict(
      `PO ${order.poNumber} is already invoiced ${which}: ${descriptor.displayName} does not allow cancelling after the invoice.`,
    );
  }
  for (const r of requested) {
    const line = lines.find((l) => l.id === r.lineId)!;
    const open = line.quantity - line.cancelledQty - line.shortPickedQty - line.shippedQty;
    if (r.quantity > open)
      throw invalid(
        `Line ${line.externalLineId} (${line.channelSku}) has ${open} unit${open === 1 ? '' : 's'} left to cancel, not ${r.quantity}.`,
        'lines',
      );
    if (!descriptor.capabilities.partialCancel && r.quantity !== open) {
      throw invalid(
        `${descriptor.displayName} cancels whole lines only: cancel all ${open} units of line ${line.externalLineId}.`,
        'lines',
      );
    }
  }
}

/**
 * What the marketplace accepted raises the lines' cancelled quantity and goes on the timeline; every
 * open unit cancelled cancels the PO (releasing its allocation) through the lifecycle. Runs in the
 * transaction that marks the outbox entry succeeded.
 */
async function applyCancellation(
  tx: Db,
  a: {
    orderId: number;
    before: string;
    requested: Requested[];
    result: CancelResult;
    market: string;
    reason: string;
    actor: string;
  },
): Promise<void> {
  const { orderId, requested, result, actor } = a;
  for (const r of requested) {
    const answer = result.lines.find((l) => l.externalLineId === r.externalLineId);
    if (!answer || answer.error) continue;
    const cancelled =
      answer.cancelledQty === undefined
        ? sql`${orderLines.cancelledQty} + ${r.quantity}`
        : sql`greatest(${orderLines.cancelledQty}, ${answer.cancelledQty})`;
    // The units accepted count as the seller's own cancellation (the seller-cancellation rate).
    await tx
      .update(orderLines)
      .set({
        cancelledQty: cancelled,
        sellerCancelledQty: sql`least(${orderLines.quantity}, ${orderLines.sellerCancelledQty} + ${r.quantity})`,
      })
      .where(eq(orderLines.id, r.lineId));
  }
  const [left] = await tx
    .select({
      open: sql<number>`coalesce(sum(${orderLines.quantity} - ${orderLines.cancelledQty} - ${orderLines.shortPickedQty} - ${orderLines.shippedQty}), 0)::int`,
    })
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId));
  const [now] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for('update');
  const status = Number(left.open) <= 0 ? ('cancelled' as const) : now.status;
  const done = result.lines
    .filter((l) => !l.error)
    .map((l) => `line ${l.externalLineId} × ${requested.find((r) => r.externalLineId === l.externalLineId)!.quantity}`);
  const refused = result.lines.filter((l) => l.error).map((l) => `line ${l.externalLineId} refused (${l.error})`);
  const note = `Cancelled by the seller at ${a.market}: ${[...done, ...refused].join(', ')}. Reason: ${a.reason}`;
  if (status !== now.status) await moveOrder(tx, orderId, status, 'weft', note, actor);
  else await tx.insert(orderEvents).values({ orderId, status, actor, note });
  await audit(tx, {
    actor,
    action: 'cancel',
    entity: 'order',
    entityId: String(orderId),
    before: { status: a.before },
    after: { status, lines: result.lines },
  });
}

async function outcome(
  db: Db,
  orderId: number,
  requested: Requested[],
  result: CancelResult,
  repeated: boolean,
): Promise<CancelOutcome> {
  return {
    order: await getOrder(db, orderId),
    repeated,
    lines: requested.map((r) => {
      const answer = result.lines.find((l) => l.externalLineId === r.externalLineId);
      const error = answer ? answer.error : 'no answer for this line';
      return { ...r, cancelled: !error, ...(error ? { error } : {}) };
    }),
  };
}
