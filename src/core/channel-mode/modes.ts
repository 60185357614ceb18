import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/connect.ts';
import { channelListings, channels, orders, type ChannelMode } from '../../db/schema.ts';
import { audit } from '../audit.ts';
import { invalid, notFound } from '../errors.ts';
import { requestFullPush } from '../inventory/available.ts';
import { text } from '../schema-types.ts';

/**
 * Changing a channel's mode (shadow → canary → live, or back): an admin action, audited with what it
 * was and what it becomes. The canary allowlists name the channel's own SKUs (the marketplace SKU code
 * of a listing) and POs (an order Weft has pulled), so a typo is refused rather than never matching.
 * Leaving shadow, or changing an allowlist, asks for a full inventory push: figures that were withheld
 * go out on the next run for whatever is live now.
 */
export const channelModes = ['shadow', 'canary', 'live'] as const satisfies readonly ChannelMode[];

const maxAllowlist = 500;
const allowlist = (what: string) =>
  z
    .array(text({ max: 200 }).trim().min(1, `A ${what} in the allowlist is empty: remove it or give its code.`))
    .max(maxAllowlist, `List at most ${maxAllowlist} ${what}s in the canary allowlist.`);

export const modeChangeSchema = z.object({
  mode: z.enum(channelModes, { message: 'Choose the mode: shadow, canary or live.' }),
  canarySkus: allowlist('SKU').optional(),
  canaryPos: allowlist('PO').optional(),
});
export type ModeChange = z.input<typeof modeChangeSchema>;

export interface ChannelModeView {
  mode: ChannelMode;
  canarySkus: string[];
  canaryPos: string[];
}

const unique = (values: string[]) => [...new Set(values)];

export async function setChannelMode(
  database: Database,
  code: string,
  input: ModeChange,
  actor: string,
): Promise<ChannelModeView> {
  const change = modeChangeSchema.parse(input);
  const db = database.db;
  const [before] = await db.select().from(channels).where(eq(channels.code, code.toUpperCase()));
  if (!before) throw notFound(`There is no channel with code ${code}.`);
  const canarySkus = unique(change.canarySkus ?? before.canarySkus);
  const canaryPos = unique(change.canaryPos ?? before.canaryPos);
  await requireKnown(database, before.id, before.code, canarySkus, canaryPos);
  if (change.mode === 'canary' && canarySkus.length === 0 && canaryPos.length === 0)
    throw invalid(
      `Canary mode sends only what its allowlists name, and both are empty: add the SKUs and POs to try on channel ${before.code} first.`,
      'canarySkus',
    );
  const after: ChannelModeView = { mode: change.mode, canarySkus, canaryPos };
  await db.transaction(async (tx) => {
    await tx
      .update(channels)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(channels.id, before.id));
    await audit(tx, {
      actor,
      action: 'change_mode',
      entity: 'channel',
      entityId: before.code,
      before: { mode: before.mode, canarySkus: before.canarySkus, canaryPos: before.canaryPos },
      after,
    });
  });
  if (after.mode !== 'shadow') await requestFullPush(database, before.id);
  return after;
}

/** Every SKU must be one of the channel's listings and every PO one of its orders; the refusal names them all. */
async function requireKnown(database: Database, channelId: number, code: string, skus: string[], pos: string[]) {
  const db = database.db;
  if (skus.length) {
    const found = await db
      .select({ sku: channelListings.channelSku })
      .from(channelListings)
      .where(and(eq(channelListings.channelId, channelId), inArray(channelListings.channelSku, skus)));
    const known = new Set(found.map((r) => r.sku));
    const missing = skus.filter((s) => !known.has(s));
    if (missing.length)
      throw invalid(
        `${plural(missing, 'SKU')} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not listed on channel ${code}: give the marketplace SKU codes of the channel's listings (pull SKUs first if they are new).`,
        'canarySkus',
      );
  }
  if (pos.length) {
    const found = await db
      .select({ po: orders.poNumber })
      .from(orders)
      .where(and(eq(orders.channelId, channelId), inArray(orders.poNumber, pos)));
    const known = new Set(found.map((r) => r.po));
    const missing = pos.filter((p) => !known.has(p));
    if (missing.length)
      throw invalid(
        `${plural(missing, 'PO')} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not an order of channel ${code}: give PO numbers Weft has pulled for this channel.`,
        'canaryPos',
      );
  }
}

const plural = (list: string[], word: string) => (list.length > 1 ? `${word}s` : word);
