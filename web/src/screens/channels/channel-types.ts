import type { Wire } from '../../../../src/http/responses/common.ts';
import type {
  channelListItem,
  channelView,
  pushHealth,
  streamRun,
  wouldSendList,
} from '../../../../src/http/responses/channels.ts';
import type { syncRun } from '../../../../src/http/responses/sync-runs.ts';
import type { warehouse } from '../../../../src/http/responses/catalog.ts';

/** A stream's last run, as GET /api/channels lists it (src/http/responses/channels.ts). */
export type StreamRun = Wire<typeof streamRun>;

/**
 * An AJIO JIT channel's settings as the console edits them. The server answers settings as the channel
 * type's own object (src/channels/ajio-jit/settings.ts, which the console cannot import: it checks URLs
 * with node:net), so this one shape is the console's.
 */
export interface AjioSettings {
  orderSyncFrom: string;
  returnSyncFrom: string;
  skuSync: { mode: 'pull' | 'off' | 'push'; createMode: 'moderate'; intervalMinutes: number };
  orders: {
    orderSync: boolean;
    returnOrderSync: boolean;
    prepack: boolean;
    readyToShipAt: 'pack' | 'manifest';
    useMarketplaceLabel: boolean;
    shippingLabel: 'ajio-box-label' | 'weft-box-label';
  };
  inventory: { enabled: boolean; mode: 'realtime' | 'scheduled'; intervalMinutes: number };
  reconciliation: { enabled: boolean; dailyAt: string };
  /** Absent on a channel saved before the SLA clock existed (the server's defaults apply). */
  sla?: { targetHours: number; limitHours: number; atRiskHours: number };
  baseUrl: string;
  /** Where and how the channel reaches the GST e-invoice system (IRP); absent on channels saved before. */
  einvoice?: { irpBaseUrl: string; clientId: string; publicKeyPem: string; signingPublicKeyPem?: string };
}

/** A channel as the server answers it, its settings read as AJIO JIT's. */
export type ChannelView = Omit<Wire<typeof channelView>, 'settings' | 'interface'> & {
  settings: AjioSettings;
  interface: {
    username?: string;
    isB2B?: boolean;
    /** Secrets are never shown: only whether one is stored. */
    einvoicing?: { enabled: boolean; username: string | null; passwordSet?: boolean; clientSecretSet?: boolean };
    passwordSet?: boolean;
  };
};

/** Pushes the channel still owes the marketplace (invoices, cancellations, dispatches) waiting in the outbox. */
export type PushHealth = Wire<typeof pushHealth>;

export type ChannelListItem = ChannelView & Pick<Wire<typeof channelListItem>, 'streams' | 'pushes' | 'contractDrift'>;

/** Open contract drift events of a channel, as GET /api/channels lists them. */
export type DriftHealth = ChannelListItem['contractDrift'];

/** Drift seen within this long is current (red): AJIO is answering so now and records are being held. */
const driftCurrentForMs = 24 * 60 * 60_000;

/**
 * A channel's contract health: `ok` with no open drift event; `failing` (red) while one was seen in the
 * last day; `stale` (amber) when the open events were last seen longer ago — probably fixed, to be
 * checked and marked resolved.
 */
export const driftHealthOf = (d: DriftHealth, now = Date.now()): 'ok' | 'failing' | 'stale' =>
  d.open === 0
    ? 'ok'
    : d.lastSeenAt !== null && now - new Date(d.lastSeenAt).getTime() < driftCurrentForMs
      ? 'failing'
      : 'stale';

/** A push failing for this long is trouble; a short retry after a 429 or a timeout is not. */
const pushStuckAfterMs = 5 * 60_000;

export const pushesInTrouble = (p: PushHealth, now = Date.now()) =>
  p.retrying > 0 && p.oldestWaitingSince !== null && now - new Date(p.oldestWaitingSince).getTime() > pushStuckAfterMs;

export type Warehouse = Wire<typeof warehouse>;

export type SyncRun = Wire<typeof syncRun>;

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

export type Health = 'ok' | 'failing' | 'stuck' | 'busy' | 'never' | 'refused';

/** The marketplace's last refusal of the channel's login, as GET /api/channels answers it. */
export type LoginRefusal = ChannelView['loginRefused'];

/** Health words that are trouble: the row is marked and Manage Channels names the channel. */
export const troubleHealth: Health[] = ['failing', 'stuck', 'refused'];

/**
 * A stream's health from its last run. A refused login is channel-wide: no stream can work until a
 * later login succeeds, so it overrides whatever each stream's last run said (even "Never run").
 */
export function healthOf(run: StreamRun | undefined, login: LoginRefusal = null, now = Date.now()): Health {
  if (login) return 'refused';
  if (!run) return 'never';
  if (run.status === 'failed' || run.status === 'partial' || run.status === 'abandoned' || run.failed > 0)
    return 'failing';
  if (run.status === 'queued' || run.status === 'running')
    return now - new Date(run.at).getTime() > stuckAfterMs ? 'stuck' : 'busy';
  return 'ok';
}

/** shadow, canary or live (issue 14). */
export type ChannelMode = Wire<typeof channelView>['mode'];

/** GET /api/channels/:code/would-send. */
export type WouldSendList = Wire<typeof wouldSendList>;
