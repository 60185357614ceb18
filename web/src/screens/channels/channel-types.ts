/** What the channel endpoints answer, as far as the console uses it. */
export interface StreamRun {
  stream: string;
  lastRunId: number;
  status: 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'abandoned' | string;
  at: string;
  error: string | null;
  failed: number;
}

export interface AjioSettings {
  orderSyncFrom: string;
  returnSyncFrom: string;
  skuSync: { mode: 'pull' | 'off' | 'push'; createMode: 'moderate'; intervalMinutes: number };
  orders: {
    orderSync: boolean; returnOrderSync: boolean; prepack: boolean; readyToShipAt: 'pack' | 'manifest';
    useMarketplaceLabel: boolean; shippingLabel: 'ajio-box-label' | 'weft-box-label';
  };
  inventory: { enabled: boolean; mode: 'realtime' | 'scheduled'; intervalMinutes: number };
  reconciliation: { enabled: boolean; dailyAt: string };
  baseUrl: string;
}

export interface ChannelView {
  code: string;
  type: string;
  name: string;
  warehouse: string;
  status: 'active' | 'paused' | 'disabled';
  settings: AjioSettings;
  interface: { username?: string; isB2B?: boolean; einvoicing?: { enabled: boolean; username: string | null }; passwordSet?: boolean };
  /** When AJIO's token last obtained for the channel expires; null before the first login. */
  sessionValidUntil: string | null;
}

/** Pushes the channel still owes AJIO (invoices, cancellations, dispatches) waiting in the outbox. */
export interface PushHealth {
  waiting: number;
  retrying: number;
  oldestWaitingSince: string | null;
  lastError: string | null;
}

export interface ChannelListItem extends ChannelView {
  streams: StreamRun[];
  pushes: PushHealth;
}

/** A push failing for this long is trouble; a short retry after a 429 or a timeout is not. */
const pushStuckAfterMs = 5 * 60_000;

export const pushesInTrouble = (p: PushHealth, now = Date.now()) =>
  p.retrying > 0 && p.oldestWaitingSince !== null && now - new Date(p.oldestWaitingSince).getTime() > pushStuckAfterMs;

export interface Warehouse {
  code: string;
  name: string;
}

export interface SyncRun {
  id: number;
  stream: string;
  status: string;
  trigger: string;
  error: string | null;
  failed: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The streams an AJIO JIT channel pulls or pushes, in the order the seed document lists them. */
export const streams = [
  { stream: 'skus', label: 'SKU pull' },
  { stream: 'backorders', label: 'Back orders' },
  { stream: 'orders', label: 'Order pull' },
  { stream: 'inventory', label: 'Inventory push' },
  { stream: 'reconcile', label: 'Reconciliation' },
  { stream: 'returns', label: 'Return pull' },
] as const;

/** A run waiting or running for longer than this is stuck, and shown as such. */
const stuckAfterMs = 30 * 60_000;

export type Health = 'ok' | 'failing' | 'stuck' | 'busy' | 'never';

export function healthOf(run: StreamRun | undefined, now = Date.now()): Health {
  if (!run) return 'never';
  if (run.status === 'failed' || run.status === 'partial' || run.status === 'abandoned' || run.failed > 0) return 'failing';
  if (run.status === 'queued' || run.status === 'running') return now - new Date(run.at).getTime() > stuckAfterMs ? 'stuck' : 'busy';
  return 'ok';
}
