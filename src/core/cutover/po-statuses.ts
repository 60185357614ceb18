import type { Database } from '../../db/connect.ts';
import type { ChannelDescriptor, ChannelReadContext } from '../channel-descriptor.ts';
import type { ParsedOrder } from '../orders/types.ts';
import type { PoRow, PoVerdict } from './types.ts';

/**
 * Per PO: Weft's status beside the marketplace's. The POs compared are the ones still in the warehouse
 * (not shipped, delivered or cancelled) and any that changed in the report's window. The marketplace's
 * status is read fresh through the channel's descriptor; when that read fails, what the marketplace last
 * answered (the kept payload) is used and the summary says so.
 */
const maxPos = 500;

/** Warehouse order of Weft statuses; the marketplace does not see picking, so it ranks with open. */
const rank: Record<string, number> = {
  open: 1,
  picking: 1,
  packed: 2,
  ready_to_ship: 3,
  shipped: 4,
  delivered: 5,
};

interface OrderRow {
  po_number: string;
  external_id: string;
  status: string;
  marketplace_status: string | null;
  hold_reason: string | null;
  raw: unknown;
}

/** The Weft status a marketplace answer implies, and its own status word. */
type Implied = { status: string | null; word: string | null };

function impliedOf(parsed: ParsedOrder): Implied {
  return 'order' in parsed
    ? { status: parsed.order.status, word: parsed.order.marketplaceStatus }
    : { status: null, word: parsed.unreadable.marketplaceStatus };
}

export function comparePo(weft: string, holdReason: string | null, implied: Implied | undefined, m: string) {
  const result = (verdict: PoVerdict, blocking: boolean, why: string) => ({ verdict, blocking, why });
  if (!implied)
    return result(
      'not-at-marketplace',
      true,
      `${m} does not return this PO: ask the account manager what happened to it before going live.`,
    );
  const word = implied.word ?? 'no status';
  if (weft === 'on_hold')
    return result(
      'held',
      false,
      `Held in Weft (${holdReason ?? 'no reason given'}); ${m} shows ${word}. Release or resolve it on the order page.`,
    );
  if (implied.status === null)
    return result('held', false, `${m}'s answer for this PO could not be read (${word}): it would be held.`);
  if (implied.status === 'cancelled' && weft !== 'cancelled')
    return result(
      'cancelled-at-marketplace',
      true,
      `${m} cancelled this PO but Weft still has it ${weft}: pull orders again so Weft does not pick it.`,
    );
  if (weft === 'cancelled' && implied.status !== 'cancelled')
    return result(
      'cancelled-in-weft',
      false,
      `Weft cancelled this PO but ${m} still shows ${word}: the cancellation has not reached ${m} yet (withheld, or waiting in the outbox).`,
    );
  if (weft === 'cancelled' || rank[weft] === rank[implied.status])
    return result('same', false, `Both agree (${m}: ${word}).`);
  if (rank[weft] > rank[implied.status])
    return result(
      'weft-ahead',
      false,
      `Weft has it ${weft}, ${m} still shows ${word}: Weft's update has not reached ${m} yet (withheld, or waiting in the outbox).`,
    );
  return result(
    'marketplace-ahead',
    true,
    `${m} shows ${word} but Weft has it ${weft}: another system moved it. Finish it there and pull orders again before going live.`,
  );
}

export async function poRows(
  database: Database,
  input: {
    descriptor: ChannelDescriptor;
    context: ChannelReadContext | null;
    hours: number;
  },
): Promise<{ rows: PoRow[]; readError: string | null }> {
  const { descriptor, context } = input;
  const m = descriptor.displayName;
  const channelId = context?.channel.id;
  const { rows: orders } = await database.query<OrderRow>(
    `select po_number, external_id, status, marketplace_status, hold_reason, raw from orders
     where channel_id = $1 and (status not in ('shipped', 'delivered', 'cancelled') or updated_at > now() - make_interval(hours => $2))
     order by po_date desc nulls last, id desc limit ${maxPos}`,
    [channelId, input.hours],
  );
  if (orders.length === 0) return { rows: [], readError: null };
  let fresh: Map<string, Implied> | null = null;
  let readError: string | null = null;
  if (!descriptor.readOrders) readError = `${m} channels cannot read POs back`;
  else if (!context) readError = 'the channel has no interface credentials';
  else {
    try {
      const parsed = await descriptor.readOrders(
        context,
        orders.map((o) => o.external_id),
      );
      fresh = new Map();
      for (const p of parsed) {
        const number = 'order' in p ? p.order.poNumber : p.unreadable.poNumber;
        fresh.set(number, impliedOf(p));
      }
    } catch (error) {
      readError = (error as Error).message;
    }
  }
  const lastAnswered = (o: OrderRow): Implied | undefined => {
    if (o.raw === null || o.raw === undefined) return { status: null, word: o.marketplace_status };
    const parsed = descriptor.parseOrder?.(o.raw);
    return parsed ? impliedOf(parsed) : { status: null, word: o.marketplace_status };
  };
  const rows = orders.map((o) => {
    const implied = fresh ? fresh.get(o.po_number) : lastAnswered(o);
    return {
      poNumber: o.po_number,
      externalId: o.external_id,
      weftStatus: o.status,
      marketplaceStatus: implied?.word ?? null,
      source: fresh ? ('fresh' as const) : ('last-pull' as const),
      ...comparePo(o.status, o.hold_reason, implied, m),
    };
  });
  return { rows, readError };
}
