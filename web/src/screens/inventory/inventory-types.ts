import type { Wire } from '../../../../src/http/responses/common.ts';
import type {
  drift,
  explanation,
  levelDetail,
  levelRow,
  movement,
  pushState,
  reportSummary,
} from '../../../../src/http/responses/inventory.ts';
import type { stockBatchResult } from '../../../../src/http/responses/stock.ts';

/** The answers of the inventory API, as the server declares them (src/http/responses/inventory.ts). */
export type LevelRow = Wire<typeof levelRow>;
export type Movement = Wire<typeof movement>;
export type LevelDetail = Wire<typeof levelDetail>;
export type PushState = Wire<typeof pushState>;
export type Explanation = Wire<typeof explanation>;
export type ReportSummary = Wire<typeof reportSummary>;
export type Drift = Wire<typeof drift>;
/** 'drift': both figures, corrected by a push; 'missing': the marketplace no longer lists the SKU, nothing to correct. */
export type ReportRowKind = Drift['kind'];

/** Every push status; the label and badge records below must name each the server has. */
export const pushStatuses = [
  'in_process',
  'submitted',
  'success',
  'error',
  'withheld',
  'not_pushed',
] as const satisfies readonly PushState['status'][];

/** How a push status reads to a seller, and the badge colour it gets. */
export const pushStatusLabel: Record<PushState['status'], string> = {
  in_process: 'In process',
  submitted: 'Submitted',
  success: 'Success',
  error: 'Error',
  withheld: 'Withheld (channel not live)',
  not_pushed: 'Not pushed yet',
};

export const pushStatusBadge: Record<PushState['status'], string> = {
  in_process: 'badge-busy',
  submitted: 'badge-busy',
  success: 'badge-ok',
  error: 'badge-failing',
  withheld: 'badge-busy',
  not_pushed: '',
};

/** A page link for one level; SKU codes may hold characters a path must escape. */
export const levelPath = (warehouse: string, sku: string) =>
  `/inventory/${encodeURIComponent(warehouse)}/${encodeURIComponent(sku)}`;

export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** A batch of stock counts, checked or applied (src/http/responses/stock.ts). */
export type StockBatch = Wire<typeof stockBatchResult>;
