import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { channels, wouldSendLog, type ChannelMode } from '../../db/schema.ts';

/**
 * The one decision on whether a write reaches the marketplace (issue 14). A channel in `live` sends
 * everything; in `shadow` nothing; in `canary` only writes whose every SKU or PO is on the channel's
 * allowlist. A write that may not go is recorded in would_send_log — call, method, path and the body
 * exactly as the request would carry it — and refused with WithheldWrite, so the caller learns at the
 * same point where a live call would have answered.
 *
 * Channel transports ask this gate for every write before sending it (their write methods take a
 * WriteGate, so a write without one does not compile); the core refuses picking and packing through
 * `fulfillable` below with the same rule.
 */
export type SubjectKind = 'sku' | 'po';

/** What a write concerns: the SKUs (marketplace SKU codes) of an inventory update, or the POs of a document, shipment, dispatch or cancel. */
export interface WriteSubject {
  kind: SubjectKind;
  values: string[];
}

export interface ChannelModeState {
  channelId: number;
  code: string;
  mode: ChannelMode;
  canarySkus: string[];
  canaryPos: string[];
}

export async function readMode(db: Db, channelId: number): Promise<ChannelModeState> {
  const [row] = await db
    .select({
      code: channels.code,
      mode: channels.mode,
      canarySkus: channels.canarySkus,
      canaryPos: channels.canaryPos,
    })
    .from(channels)
    .where(eq(channels.id, channelId));
  if (!row) throw new Error(`There is no channel with id ${channelId}.`);
  return { channelId, ...row };
}

/** Whether one SKU or PO of the channel is live: the channel is, or it is on the canary allowlist. */
export function liveFor(state: ChannelModeState, kind: SubjectKind, value: string): boolean {
  if (state.mode === 'live') return true;
  if (state.mode === 'shadow') return false;
  const list = kind === 'sku' ? state.canarySkus : state.canaryPos;
  return list.includes(value);
}

/** A write the gate kept back: recorded in the would-send log, not sent. */
export class WithheldWrite extends Error {
  readonly channelCode: string;
  readonly mode: ChannelMode;
  readonly call: string;

  constructor(state: ChannelModeState, call: string, subject: WriteSubject) {
    const which = subject.values.length ? ` (${subject.kind.toUpperCase()} ${subject.values.join(', ')})` : '';
    super(
      state.mode === 'shadow'
        ? `Channel ${state.code} is in shadow mode: ${call}${which} was recorded in its would-send log, not sent.`
        : `Channel ${state.code} is in canary mode and ${call}${which} is not on its allowlist: it was recorded in the would-send log, not sent.`,
    );
    this.name = 'WithheldWrite';
    this.channelCode = state.code;
    this.mode = state.mode;
    this.call = call;
  }
}

export interface WriteGate {
  /** Returns when the write may be sent; otherwise records it and throws WithheldWrite. */
  admit(method: string, path: string, body: unknown): Promise<void>;
}

/**
 * The gate for one write of a channel. `call` names it for people and the cut-over report
 * ("inventory update", "invoice", "cancel"…). A write concerning several subjects goes only when every
 * one of them is live; callers that can split a write (inventory lines) split it first.
 */
export function writeGate(db: Db, channelId: number, call: string, subject: WriteSubject): WriteGate {
  return {
    async admit(method, path, body) {
      const state = await readMode(db, channelId);
      if (subject.values.length > 0 && subject.values.every((v) => liveFor(state, subject.kind, v))) return;
      if (state.mode === 'live') return;
      await db.insert(wouldSendLog).values({
        channelId,
        call,
        method,
        path,
        // Through JSON, as the request would carry it: undefined fields dropped, dates as strings.
        body: body === undefined ? null : JSON.parse(JSON.stringify(body)),
        subjectKind: subject.kind,
        subject: subject.values.join(', ') || null,
        mode: state.mode,
      });
      throw new WithheldWrite(state, call, subject);
    },
  };
}
