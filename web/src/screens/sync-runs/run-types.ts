/** What the sync-run endpoints answer, as far as the console uses it. */
export interface SyncRun {
  id: number;
  channelId: number;
  stream: string;
  /** `abandoned`: its worker process died; its job went back to the queue and a newer run continues it. */
  status: 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'abandoned';
  trigger: 'schedule' | 'manual' | 'retry' | string;
  total: number | null;
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface SyncRunView extends SyncRun {
  channel: string;
  channelName: string;
}

export interface FailedRecord {
  id: number;
  runId: number;
  recordKey: string;
  message: string | null;
  payload: unknown;
  retriedAt: string | null;
  createdAt: string;
}

export const isUnderWay = (run: Pick<SyncRun, 'status'>) => run.status === 'queued' || run.status === 'running';

/** The streams of an AJIO JIT channel with the names the channel page uses. */
export const streamLabels: Record<string, string> = {
  skus: 'SKU pull', backorders: 'Back orders', orders: 'Order pull', inventory: 'Inventory push', reconcile: 'Reconciliation', returns: 'Return pull',
};
export const streamLabel = (stream: string) => streamLabels[stream] ?? stream;

/** Status as a badge class of the shared styles: good, trouble or under way. */
export const statusBadge = (status: SyncRun['status']) =>
  status === 'succeeded' ? 'badge-ok' : isTrouble(status) ? 'badge-failing' : 'badge-busy';

/** Statuses a person should look at. */
export const isTrouble = (status: SyncRun['status']) => status === 'failed' || status === 'partial' || status === 'abandoned';
