/**
 * The cut-over report of a channel (issue 14): what Weft would do against what the marketplace shows
 * now, before a seller moves the channel from shadow to canary to live. Shapes shared by its parts.
 */

/** How Weft's figure for one marketplace SKU compares with the marketplace's own figure. */
export const skuVerdicts = [
  /** Both figures known and equal. */
  'same',
  /** Weft would push less than the marketplace shows (buffer, allocations, reservations). */
  'weft-lower',
  /** Weft would push more than the marketplace shows: the stock counts disagree. */
  'weft-higher',
  /** The listing has no Weft SKU: nothing is pushed for it. */
  'unmapped',
  /** The marketplace lists the SKU but Weft has not pulled it (no listing). */
  'not-pulled',
  /** The listing is inactive in Weft: nothing is pushed for it. */
  'inactive',
  /** Weft has a mapped listing the marketplace does not list (after a complete read). */
  'not-at-marketplace',
  /** The marketplace's answer carried no readable figure for the SKU. */
  'no-figure',
  /** The marketplace's figures could not be read at all. */
  'unknown',
] as const;
export type SkuVerdict = (typeof skuVerdicts)[number];

export interface SkuRow {
  channelSku: string;
  /** The Weft SKU code the listing is mapped to (null: unmapped or not pulled). */
  sku: string | null;
  /** What Weft would push now (null: nothing is pushed for it). */
  weftQty: number | null;
  /** The marketplace's current figure (null: unknown). */
  marketplaceQty: number | null;
  /** marketplace − Weft, when both are known. */
  difference: number | null;
  verdict: SkuVerdict;
  /** Weft's figure from its explanation: on hand − allocated − reserved − buffer. */
  breakdown: { onHand: number; allocated: number; reserved: number; buffer: number } | null;
  /** Why the figures are what they are, one reason a phrase ("buffer −2"). */
  reasons: string[];
  /** One sentence for a person: what differs and why, or what is missing. */
  why: string;
}

export const poVerdicts = [
  'same',
  /** Weft has moved the PO further than the marketplace shows: its update has not reached it yet. */
  'weft-ahead',
  /** The marketplace shows the PO further along than Weft: another system moved it. */
  'marketplace-ahead',
  'cancelled-at-marketplace',
  'cancelled-in-weft',
  /** Held in Weft (its answer could not be read, or a SKU is unmapped). */
  'held',
  /** The marketplace does not return the PO. */
  'not-at-marketplace',
] as const;
export type PoVerdict = (typeof poVerdicts)[number];

export interface PoRow {
  poNumber: string;
  externalId: string;
  weftStatus: string;
  /** The marketplace's own status word (null: unknown). */
  marketplaceStatus: string | null;
  /** Where the marketplace's status comes from: a read made for this report, or what its last answer said. */
  source: 'fresh' | 'last-pull';
  verdict: PoVerdict;
  blocking: boolean;
  why: string;
}

export interface WouldSendEntry {
  id: number;
  at: Date;
  call: string;
  method: string;
  path: string;
  subjectKind: string | null;
  subject: string | null;
  mode: string;
  body: unknown;
}

export interface WouldSendCount {
  call: string;
  method: string;
  path: string;
  count: number;
  lastAt: Date;
}

/** One line of the "Ready to go live?" summary: what is wrong, in plain words, and what to do. */
export interface ReadinessItem {
  code: string;
  severity: 'blocking' | 'warning';
  count: number;
  title: string;
  detail: string;
  action: string;
}
