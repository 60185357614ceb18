/** The shapes the inventory API answers with, as the console reads them. */
export interface LevelRow {
  warehouse: string;
  sku: string;
  skuName: string;
  onHand: number;
  damaged: number;
  /** Units of orders still to be shipped from this warehouse. */
  allocated: number;
  /** Units of open pendency of channels served by this warehouse. */
  reserved: number;
  /** On hand − allocated − reserved; below zero when more is promised than is on the shelf. */
  available: number;
}

export interface Movement {
  id: number;
  kind: string;
  onHandDelta: number;
  damagedDelta: number;
  reason: string;
  reference: string | null;
  actor: string;
  createdAt: string;
}

export interface LevelDetail extends LevelRow {
  ledger: Movement[];
  nextBefore: number | null;
}

export const pushStatuses = ['in_process', 'submitted', 'success', 'error', 'not_pushed'] as const;

export interface PushState {
  listingId: number;
  channelSku: string;
  sku: string;
  quantity: number | null;
  status: (typeof pushStatuses)[number];
  message: string | null;
  pushedAt: string | null;
}

export interface Explanation {
  listing: { id: number; channelSku: string; channelProductId: string; sku: string; skuName: string; buffer: number };
  sourceWarehouses: string[];
  lines: { kind: 'on_hand' | 'allocated' | 'reserved' | 'buffer'; quantity: number; text: string }[];
  breakdown: { onHand: number; allocated: number; reserved: number; buffer: number; pushed: number };
  sum: number;
  result: string;
  lastPush: { quantity: number; status: string; message: string | null; at: string; runId: number | null } | null;
}

export interface ReportSummary {
  id: number;
  channel: string;
  runId: number | null;
  compared: number;
  drifted: number;
  corrected: number;
  /** Mapped listings AJIO no longer lists; null when the reconciliation could not check. */
  missing: number | null;
  createdAt: string;
}

/** 'drift': both figures, corrected by a push; 'missing': AJIO no longer lists the SKU, nothing to correct. */
export type ReportRowKind = 'drift' | 'missing';

export interface Drift {
  id: number;
  kind: ReportRowKind;
  listingId: number;
  channelSku: string;
  sku: string | null;
  marketplaceQty: number | null;
  weftQty: number;
  corrected: boolean;
  message: string | null;
}

/** How a push status reads to a seller, and the badge colour it gets. */
export const pushStatusLabel: Record<PushState['status'], string> = {
  in_process: 'In process',
  submitted: 'Submitted',
  success: 'Success',
  error: 'Error',
  not_pushed: 'Not pushed yet',
};

export const pushStatusBadge: Record<PushState['status'], string> = {
  in_process: 'badge-busy',
  submitted: 'badge-busy',
  success: 'badge-ok',
  error: 'badge-failing',
  not_pushed: '',
};

/** A page link for one level; SKU codes may hold characters a path must escape. */
export const levelPath = (warehouse: string, sku: string) => `/inventory/${encodeURIComponent(warehouse)}/${encodeURIComponent(sku)}`;

export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
