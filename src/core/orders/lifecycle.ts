import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { orderEvents, orders, type OrderStatus } from '../../db/schema.ts';
import { AppError } from '../errors.ts';

/**
 * The order lifecycle, owned by Weft: every state, every allowed move, who may cause it and what it
 * does to stock. Every write of `orders.status` goes through `moveOrder`/`moveOrders` here.
 *
 * Who causes a move:
 * - `intake`: the order pull (or a reprocess) building an order from the marketplace's PO;
 * - `warehouse`: a person's step — a picklist, the pack station, a manifest;
 * - `weft`: Weft's own pushes once the marketplace took them — the box labels (AWBs), a seller
 *   cancellation, the dispatch;
 * - `marketplace`: a status the marketplace reports on a later pull.
 *
 * A marketplace report may cancel a PO or deliver a shipped one; any other status it reports is kept
 * beside Weft's (orders.marketplace_status) and moves nothing: it can never skip a warehouse step (a
 * prefetch makes the marketplace say READY_TO_DISPATCH before anything is packed) nor undo one.
 *
 * Stock: an order allocates its open units (quantity − cancelled − short-picked − shipped, see
 * inventory/available.ts) while its status allocates; a move out of an allocating status releases
 * them, and a dispatch ships them (the dispatch movement takes them off the shelf).
 */
export type Cause = 'intake' | 'warehouse' | 'weft' | 'marketplace';
export type StockEffect = 'allocate' | 'release' | 'ship' | 'none';

export const orderStates: readonly OrderStatus[] = [
  'on_hold',
  'open',
  'picking',
  'packed',
  'ready_to_ship',
  'shipped',
  'delivered',
  'cancelled',
];

/** States whose open units are allocated; must equal inventory's allocatingStatuses (a unit test checks). */
export const allocatingStates: readonly OrderStatus[] = ['open', 'picking', 'packed', 'ready_to_ship'];

/** States nothing moves an order out of. */
export const finalStates: readonly OrderStatus[] = ['delivered', 'cancelled'];

export interface Transition {
  from: readonly OrderStatus[];
  to: OrderStatus;
  by: readonly Cause[];
  /** What happens, in words, for the table's reader. */
  step: string;
}

export const transitions: readonly Transition[] = [
  {
    from: ['on_hold'],
    to: 'open',
    by: ['intake'],
    step: 'released from hold: every SKU is linked (the pendency reservation becomes the allocation)',
  },
  {
    from: ['on_hold'],
    to: 'shipped',
    by: ['intake'],
    step: 'a held PO the marketplace shows dispatched without Weft: recorded as it is, nothing allocated',
  },
  {
    from: ['on_hold'],
    to: 'delivered',
    by: ['intake'],
    step: 'a held PO the marketplace shows delivered without Weft: recorded as it is',
  },
  {
    from: ['open'],
    to: 'picking',
    by: ['warehouse'],
    step: 'put on a picklist, or the first box opened at the pack station',
  },
  {
    from: ['open', 'picking'],
    to: 'packed',
    by: ['warehouse'],
    step: 'packing finished (units not packed become short-picked and are released)',
  },
  {
    from: ['packed'],
    to: 'ready_to_ship',
    by: ['weft', 'warehouse'],
    step: 'AWBs and labels made (ready to ship at pack), or put on a manifest (at manifest)',
  },
  {
    from: ['ready_to_ship'],
    to: 'shipped',
    by: ['weft'],
    step: 'dispatched to the marketplace on a manifest (units leave on-hand stock)',
  },
  { from: ['shipped'], to: 'delivered', by: ['marketplace'], step: 'the marketplace reports it delivered' },
  {
    from: ['on_hold', 'open', 'picking', 'packed', 'ready_to_ship'],
    to: 'cancelled',
    by: ['weft'],
    step: 'the seller cancelled every open unit at the marketplace (after the invoice only where the channel allows it)',
  },
  {
    from: ['on_hold', 'open', 'picking', 'packed', 'ready_to_ship'],
    to: 'cancelled',
    by: ['marketplace'],
    step: 'the marketplace cancelled the PO',
  },
];

export function stockEffect(from: OrderStatus, to: OrderStatus): StockEffect {
  const before = allocatingStates.includes(from);
  const after = allocatingStates.includes(to);
  if (!before && after) return 'allocate';
  if (before && !after) return to === 'shipped' ? 'ship' : 'release';
  return 'none';
}

export function canMove(from: OrderStatus, to: OrderStatus, by: Cause): boolean {
  return transitions.some((t) => t.to === to && t.from.includes(from) && t.by.includes(by));
}

const words = (s: string) => s.replace(/_/g, ' ');

function refusal(po: string, from: OrderStatus, to: OrderStatus, by: Cause): AppError {
  const allowed = transitions.filter((t) => t.to === to && t.by.includes(by)).flatMap((t) => t.from);
  const need = allowed.length ? `only from ${[...new Set(allowed)].map(words).join(' or ')}` : 'never';
  return new AppError(
    'conflict',
    `PO ${po} is ${words(from)}: it cannot become ${words(to)} now (${by === 'warehouse' ? 'a warehouse step' : `a ${by} step`} moves it there ${need}).`,
  );
}

/**
 * Moves one order, locked by the caller or here, and writes the step on its timeline — in the
 * caller's transaction. Refused (AppError conflict) when the table does not allow it.
 */
export async function moveOrder(
  tx: Db,
  orderId: number,
  to: OrderStatus,
  by: Cause,
  note: string,
  actor: string,
): Promise<void> {
  const [row] = await tx
    .select({ status: orders.status, po: orders.poNumber })
    .from(orders)
    .where(eq(orders.id, orderId))
    .for('update');
  if (!row) throw new AppError('not_found', `There is no order ${orderId}.`);
  if (row.status === to) return;
  if (!canMove(row.status, to, by)) throw refusal(row.po, row.status, to, by);
  await tx.update(orders).set({ status: to, updatedAt: new Date() }).where(eq(orders.id, orderId));
  await tx.insert(orderEvents).values({ orderId, status: to, note, actor });
}

/**
 * The same move for many orders at once (a manifest, a dispatch): only those in a state the table
 * allows move; returns the ids that moved, so the caller can tell which did not.
 */
export async function moveOrders(
  tx: Db,
  orderIds: number[],
  to: OrderStatus,
  by: Cause,
  note: string | ((id: number) => string),
  actor: string,
): Promise<number[]> {
  if (orderIds.length === 0) return [];
  const from = [...new Set(transitions.filter((t) => t.to === to && t.by.includes(by)).flatMap((t) => t.from))];
  if (from.length === 0) throw new AppError('conflict', `Nothing may make an order ${words(to)} as a ${by} step.`);
  const moved = await tx
    .update(orders)
    .set({ status: to, updatedAt: new Date() })
    .where(and(inArray(orders.id, orderIds), inArray(orders.status, from)))
    .returning({ id: orders.id });
  const ids = moved.map((m) => Number(m.id));
  if (ids.length) {
    await tx
      .insert(orderEvents)
      .values(ids.map((id) => ({ orderId: id, status: to, note: typeof note === 'string' ? note : note(id), actor })));
  }
  return ids;
}

/**
 * The status a PO takes when Weft first sees it. One Weft never worked on starts open (or held, or
 * cancelled) even when the marketplace already says PACKED or READY_TO_DISPATCH (a prefetch made
 * elsewhere): the warehouse still has to pack it. One that already left (dispatched, delivered) is
 * recorded as it is and allocates nothing.
 */
export function arrivalStatus(reported: Exclude<OrderStatus, 'on_hold'>): OrderStatus {
  if (reported === 'cancelled' || reported === 'shipped' || reported === 'delivered') return reported;
  return 'open';
}

export interface ReportOutcome {
  /** The status Weft moves to, or null when the report moves nothing. */
  to: OrderStatus | null;
  /** A sentence for the timeline when the report is kept but moves nothing Weft owns. */
  kept: string | null;
}

const rank: Record<OrderStatus, number> = {
  on_hold: 0,
  open: 1,
  picking: 2,
  packed: 3,
  ready_to_ship: 4,
  shipped: 5,
  delivered: 6,
  cancelled: 7,
};

/**
 * What a marketplace status reported on a pull does to an order Weft has: a cancellation cancels
 * (unless the PO already left), a delivery delivers a shipped PO, a status Weft has already reached
 * confirms it; anything ahead of Weft (the marketplace's PACKED or READY_TO_DISPATCH after a prefetch, its
 * DISPATCHED before Weft recorded the dispatch) is kept beside Weft's status and waits for Weft's step.
 */
export function marketplaceReport(current: OrderStatus, reported: Exclude<OrderStatus, 'on_hold'>): ReportOutcome {
  if (reported === current) return { to: null, kept: null };
  if (reported === 'cancelled') {
    return canMove(current, 'cancelled', 'marketplace')
      ? { to: 'cancelled', kept: null }
      : { to: null, kept: `the marketplace reports it cancelled, but it is ${words(current)} in Weft` };
  }
  if (canMove(current, reported, 'marketplace')) return { to: reported, kept: null };
  if (current === 'cancelled' || rank[reported] <= rank[current]) return { to: null, kept: null };
  const waits =
    current === 'on_hold'
      ? 'it stays on hold until its SKUs are linked'
      : rank[current] < rank.packed
        ? 'Weft keeps it packable: pack it at the pack station'
        : rank[current] < rank.shipped
          ? 'Weft records the dispatch when its manifest is dispatched'
          : 'Weft waits for the marketplace';
  return { to: null, kept: `the marketplace is ahead (${words(reported)}); ${waits}` };
}
