import type { Wire } from '../../../../src/http/responses/common.ts';
import type { runRecord, runView, syncRun } from '../../../../src/http/responses/sync-runs.ts';

/** The answers of /api/sync-runs, as the server declares them (src/http/responses/sync-runs.ts). */
export type SyncRun = Wire<typeof syncRun>;
export type SyncRunView = Wire<typeof runView>;
export type FailedRecord = Wire<typeof runRecord>;

export const isUnderWay = (run: Pick<SyncRun, 'status'>) => run.status === 'queued' || run.status === 'running';

/** The streams of an AJIO JIT channel with the names the channel page uses. */
export const streamLabels: Record<string, string> = {
  skus: 'SKU pull',
  backorders: 'Back orders',
  orders: 'Order pull',
  inventory: 'Inventory push',
  reconcile: 'Reconciliation',
  returns: 'Return pull',
};
export const streamLabel = (stream: string) => streamLabels[stream] ?? stream;

/** Status as a badge class of the shared styles: good, trouble or under way. */
export const statusBadge = (status: SyncRun['status']) =>
  status === 'succeeded' ? 'badge-ok' : isTrouble(status) ? 'badge-failing' : 'badge-busy';

/** Statuses a person should look at. */
export const isTrouble = (status: SyncRun['status']) =>
  status === 'failed' || status === 'partial' || status === 'abandoned';
