import type { Db } from '../../db/connect.ts';
import { AppError } from '../errors.ts';
import { liveFor, readMode, type ChannelModeState } from './gate.ts';

/**
 * Picking and packing happen only for POs the channel sends documents for: in shadow the seller's old
 * system fulfils the orders (Weft only watches), in canary only the allowlisted POs are Weft's.
 */
export function fulfillableIn(state: ChannelModeState, poNumber: string): boolean {
  return liveFor(state, 'po', poNumber);
}

/** Why a PO of a channel in this mode is not Weft's to fulfil, and what to do; a sentence for the refusal. */
export function notFulfillableBecause(state: ChannelModeState, poNumber: string, doing: string): string {
  return state.mode === 'shadow'
    ? `PO ${poNumber} cannot be ${doing}: channel ${state.code} is in shadow mode, so its orders are fulfilled by the system it replaces. Switch the channel to canary (with this PO on the allowlist) or to live in Manage Channels to fulfil it in Weft.`
    : `PO ${poNumber} cannot be ${doing}: channel ${state.code} is in canary mode and the PO is not on its allowlist. Add it to the channel's canary POs, or switch the channel to live, to fulfil it in Weft.`;
}

export async function requireFulfillable(
  db: Db,
  order: { channelId: number; poNumber: string },
  doing: 'picked' | 'packed',
): Promise<void> {
  const state = await readMode(db, order.channelId);
  if (!fulfillableIn(state, order.poNumber))
    throw new AppError('conflict', notFulfillableBecause(state, order.poNumber, doing));
}
