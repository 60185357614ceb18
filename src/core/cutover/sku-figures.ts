import type { Database } from '../../db/connect.ts';
import type { StockReading } from '../channel-descriptor.ts';
import { computeFigures, type ListingFigure } from '../inventory/available.ts';
import type { SkuRow, SkuVerdict } from './types.ts';

/**
 * Per marketplace SKU: the figure Weft would push (the same computation as the inventory push and its
 * explanation: on hand − allocated − reserved − buffer, floored at 0) beside the marketplace's current
 * figure, and why they differ. `reading` is null when the marketplace's figures could not be read.
 */
interface ListingRow {
  id: number;
  channel_sku: string;
  sku_id: number | null;
  active: boolean;
  code: string | null;
}

const page = 5000;

async function allFigures(database: Database, channelId: number, warehouseIds: number[]) {
  const figures = new Map<number, ListingFigure>();
  for (let after = 0; ; ) {
    const batch = await computeFigures(database, { channelId, warehouseIds, after, limit: page });
    for (const f of batch) figures.set(f.listingId, f);
    if (batch.length < page) return figures;
    after = batch[batch.length - 1].listingId;
  }
}

/** The parts of Weft's figure that are not zero, as short phrases. */
export function reasonsOf(b: { onHand: number; allocated: number; reserved: number; buffer: number }): string[] {
  const reasons = [`on hand ${b.onHand}`];
  if (b.allocated) reasons.push(`allocated to open POs −${b.allocated}`);
  if (b.reserved) reasons.push(`reserved for back orders and held POs −${b.reserved}`);
  if (b.buffer) reasons.push(`buffer −${b.buffer}`);
  if (b.onHand - b.allocated - b.reserved - b.buffer < 0) reasons.push('below zero, so 0');
  return reasons;
}

function compared(weft: number, marketplace: number, reasons: string[], marketplaceName: string) {
  const because = reasons.join(', ');
  if (weft === marketplace) return { verdict: 'same' as const, why: `Both show ${weft} (${because}).` };
  if (weft < marketplace)
    return {
      verdict: 'weft-lower' as const,
      why: `Weft would lower ${marketplaceName}'s ${marketplace} to ${weft}: ${because}.`,
    };
  return {
    verdict: 'weft-higher' as const,
    why: `Weft would raise ${marketplaceName}'s ${marketplace} to ${weft} (${because}): Weft counts more stock than ${marketplaceName} shows — check the stock count before going live.`,
  };
}

export async function skuRows(
  database: Database,
  input: {
    channelId: number;
    warehouseIds: number[];
    reading: StockReading | null;
    readError: string | null;
    marketplaceName: string;
  },
): Promise<SkuRow[]> {
  const { reading, marketplaceName: m } = input;
  const [{ rows: listings }, figures] = await Promise.all([
    database.query<ListingRow>(
      `select l.id, l.channel_sku, l.sku_id, l.active, s.code from channel_listings l left join skus s on s.id = l.sku_id
       where l.channel_id = $1 order by l.channel_sku, l.id`,
      [input.channelId],
    ),
    allFigures(database, input.channelId, input.warehouseIds),
  ]);
  const rows: SkuRow[] = [];
  const known = new Set<string>();
  for (const l of listings) {
    known.add(l.channel_sku);
    const seen = reading?.figures.has(l.channel_sku) ?? false;
    const marketplaceQty = reading?.figures.get(l.channel_sku) ?? null;
    const base = { channelSku: l.channel_sku, sku: l.code, marketplaceQty };
    const f = figures.get(Number(l.id));
    if (l.sku_id === null || !l.active || !f) {
      const verdict: SkuVerdict = l.sku_id === null ? 'unmapped' : 'inactive';
      rows.push({
        ...base,
        weftQty: null,
        difference: null,
        verdict,
        breakdown: null,
        reasons: [verdict === 'unmapped' ? 'not mapped to a Weft SKU' : 'listing inactive'],
        why:
          verdict === 'unmapped'
            ? `Not mapped to a Weft SKU, so Weft pushes nothing for it and ${m}'s figure would stay as it is: link it under Channel mappings.`
            : `The listing is inactive in Weft, so nothing is pushed for it.`,
      });
      continue;
    }
    const breakdown = { onHand: f.onHand, allocated: f.allocated, reserved: f.reserved, buffer: f.buffer };
    const reasons = reasonsOf(breakdown);
    const weft = { ...base, weftQty: f.pushed, breakdown, reasons };
    if (reading === null) {
      rows.push({
        ...weft,
        difference: null,
        verdict: 'unknown',
        why: `${m}'s figure could not be read (${input.readError ?? 'no answer'}); Weft would push ${f.pushed}.`,
      });
    } else if (!seen) {
      rows.push({
        ...weft,
        difference: null,
        verdict: reading.complete ? 'not-at-marketplace' : 'unknown',
        why: reading.complete
          ? `${m} does not list this SKU any more; Weft would push ${f.pushed}.`
          : `${m}'s catalogue ended before this SKU was read; Weft would push ${f.pushed}.`,
      });
    } else if (marketplaceQty === null) {
      rows.push({
        ...weft,
        difference: null,
        verdict: 'no-figure',
        why: `${m}'s answer carried no stock figure for this SKU (see the contract drift events); Weft would push ${f.pushed}.`,
      });
    } else {
      rows.push({ ...weft, difference: marketplaceQty - f.pushed, ...compared(f.pushed, marketplaceQty, reasons, m) });
    }
  }
  for (const [channelSku, marketplaceQty] of reading?.figures ?? []) {
    if (known.has(channelSku)) continue;
    rows.push({
      channelSku,
      sku: null,
      weftQty: null,
      marketplaceQty,
      difference: null,
      verdict: 'not-pulled',
      breakdown: null,
      reasons: ['not pulled into Weft'],
      why: `${m} lists this SKU but Weft has not pulled it: run the SKU pull, then map it.`,
    });
  }
  return rows.sort((a, b) => (a.channelSku < b.channelSku ? -1 : a.channelSku > b.channelSku ? 1 : 0));
}

/** Mapping coverage: of the SKUs the marketplace lists (or, unread, Weft's listings), how many are mapped. */
export function coverageOf(rows: SkuRow[]) {
  const count = (v: SkuVerdict[]) => rows.filter((r) => v.includes(r.verdict)).length;
  const unmapped = count(['unmapped']);
  const notPulled = count(['not-pulled']);
  const inactive = count(['inactive']);
  const mapped = rows.length - unmapped - notPulled - inactive;
  return {
    total: rows.length,
    mapped,
    unmapped,
    notPulled,
    inactive,
    /** Whole per cent of the SKUs that are mapped and active. */
    percentMapped: rows.length ? Math.floor((mapped * 100) / rows.length) : 100,
  };
}
