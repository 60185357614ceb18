import type { ZodType } from 'zod';
import type { Database } from '../db/connect.ts';
import type { Logger } from '../log.ts';
import type { RecordResult, SyncRunRecord } from './sync/runs.ts';
import type { ParsedOrder } from './orders/types.ts';
import type { TaxRounding } from '../tax/tax-split.ts';
import type { SlaSettings } from './orders/sla.ts';
import type {
  DispatchItem,
  DispatchResult,
  InvoiceRequest,
  InvoiceResult,
  InvoiceUpdateRequest,
  ShipmentResult,
} from './fulfilment/push-types.ts';

/**
 * What the core knows of a marketplace: a descriptor the channel module exports. The core validates
 * and stores settings and credentials through it, and never imports a channel's own code.
 */
export interface ChannelCapabilities {
  partialCancel: boolean;
  cancelAfterInvoice: boolean;
  pageSize: number;
  inventoryBatchSize: number;
  manifestCap: number;
  tokenLifetimeSeconds: number;
  catalogPush: boolean;
  /** How the marketplace rounds line tax on the invoice it issues; Weft's invoice follows it (default per-component, d4). */
  taxRounding?: TaxRounding;
}

export interface ChannelDescriptor<Settings = any, Interface = any> {
  type: string;
  displayName: string;
  /** Channel codes are this prefix and a number (the prefix and four digits). */
  codePrefix: string;
  settingsSchema: ZodType<Settings>;
  interfaceSchema: ZodType<Interface>;
  /** The credentials as they may be shown: no passwords. */
  publicInterface(credentials: Interface): Record<string, unknown>;
  capabilities: ChannelCapabilities;
  /** Logs in with these credentials; resolves with when the token stops being valid. */
  testConnection(settings: Settings, credentials: Interface): Promise<{ tokenValidUntil: Date }>;
  /**
   * The marketplace account these credentials log in to (such as a seller id), or null when the
   * channel type has none: the core allows one channel of a type per account, and names it in refusals
   * by its label, pointing at the form field (such as `interface.username`) that holds it.
   */
  accountKey?(credentials: Interface): { key: string; label: string; field?: string } | null;
  /**
   * Whether a failure is the marketplace refusing the channel's login (wrong or changed password, a
   * locked login), and the reason in plain words; null for anything else (an outage, a bad answer).
   */
  loginRefused?(error: unknown): string | null;
  /** When the marketplace session this process holds for the channel expires (null: none held). */
  sessionValidUntil?(channelCode: string): Date | null;
  /** The pulls and pushes a sync run can execute, by name. */
  streams: StreamRunner<Settings, Interface>[];
  /** Reads a kept raw PO again, to reprocess an order on hold once its cause is fixed. */
  parseOrder?(raw: unknown): ParsedOrder;
  /**
   * Reads POs as the marketplace holds them now, by the marketplace's order ids: the read-back before
   * invoicing, so lines carry the marketplace's current quantities and tax. Fails with ChannelPushError.
   */
  readOrders?(context: ChannelReadContext<Settings, Interface>, externalIds: string[]): Promise<ParsedOrder[]>;
  /**
   * The stock figure the marketplace shows now for each of its SKUs (null: its answer carried none that
   * can be read — never taken for 0), read the way reconciliation reads it, without correcting anything:
   * the cut-over report compares it with Weft's. Fails with ChannelPushError.
   */
  readStock?(context: ChannelReadContext<Settings, Interface>): Promise<StockReading>;
  /**
   * Fetches a document at an address the marketplace gave in an answer (its invoice PDF). The channel
   * sends its credentials only to the marketplace's own API address and checks the address against
   * the outbound policy. Fails with ChannelPushError.
   */
  fetchDocument?(context: ChannelReadContext<Settings, Interface>, url: string): Promise<Buffer>;
  /**
   * The GST e-invoice (IRP) access of a channel whose seller registers e-invoices itself, or null when
   * e-invoicing is off. Throws an AppError naming the missing setting when it is on but incomplete.
   */
  einvoicing?(settings: Settings, credentials: Interface): IrpAccess | null;
  /** Outbound mutations the core asks for (through the outbox). */
  pushes?: ChannelPushes<Settings, Interface>;
  /**
   * The channel's fulfilment rules in neutral terms, read from its own settings: the core asks this and
   * never reads a marketplace's setting fields itself. Called with whatever the channel row holds, so it
   * must apply the channel's defaults to settings saved before a field existed.
   */
  policy(settings: Settings): ChannelPolicy;
}

/** How a channel's orders are fulfilled, as the core needs to know it. */
export interface ChannelPolicy {
  /** Off: no order pull, and no invoice, label or manifest for the channel. */
  orderSync: boolean;
  /** Invoice and box labels are fetched at picklist time ("prefetch deliveries"). */
  prepack: boolean;
  /** When a labelled order becomes ready to ship: once packed, or only when it goes on a manifest. */
  readyToShipAt: 'pack' | 'manifest';
  /** Whose box label is printed: the marketplace's (fetched with the AWBs) or Weft's own. */
  labelSource: 'marketplace' | 'own';
  /** How the invoice total is rounded: to whole rupees with a round-off line, or not at all. */
  invoiceRoundOff: 'rupee' | 'none';
  /** Which scans the pack station takes as box ids for this channel's POs. */
  boxIdRule: BoxIdRule;
  /** Whose stock the channel's listings offer: the channel's own warehouse, or these warehouses added up. */
  stockSource: StockSource;
  /** The PO SLA clock: dispatch target, limit and at-risk warning, in hours from the PO date. */
  sla: SlaSettings;
}

/** `consolidated` adds up the stock of the warehouses with these codes; `own` counts the channel's warehouse. */
export type StockSource = { kind: 'own' } | { kind: 'consolidated'; warehouses: string[] };

/** A channel's box id format: whether a scan is one, and a sentence saying what one looks like. */
export interface BoxIdRule {
  accepts(code: string): boolean;
  expected: string;
}

/** How to reach the IRP for a channel; the GSTIN comes from the supplying warehouse. */
export interface IrpAccess {
  baseUrl: string;
  userName: string;
  password: string;
  clientId: string;
  clientSecret: string;
  publicKeyPem: string;
  signingPublicKeyPem?: string;
}

/** The marketplace's stock figures by its SKU code; `complete` is false when its catalogue ended early. */
export interface StockReading {
  figures: Map<string, number | null>;
  complete: boolean;
}

/** What a read outside a sync run gets: the channel, its settings and credentials. */
export interface ChannelReadContext<Settings = any, Interface = any> {
  /** For the connector's own records of what it read (the contract guard); absent in bare reads. */
  database?: Database;
  channel: ChannelRef;
  settings: Settings;
  credentials: Interface;
}

/** What a push gets: the channel and, for crash-safe retries, a memo kept with its outbox entry. */
export interface PushContext<Settings = any, Interface = any> {
  database: Database;
  channel: ChannelRef;
  settings: Settings;
  credentials: Interface;
  /** What an earlier attempt of the same outbox entry remembered (empty on the first attempt). */
  memo: Record<string, unknown>;
  /** Stores the memo with the outbox entry before the call goes out, so a later attempt can read back. */
  remember(memo: Record<string, unknown>): Promise<void>;
}

export interface CancelRequest {
  poNumber: string;
  orderId: string;
  reason: string;
  lines: { externalLineId: string; quantity: number }[];
}

export interface CancelResult {
  /** Per requested line: the marketplace's refusal, or nothing; `cancelledQty` is its total cancelled now, when known. */
  lines: { externalLineId: string; error?: string; cancelledQty?: number }[];
}

export interface ChannelPushes<Settings = any, Interface = any> {
  cancel?(context: PushContext<Settings, Interface>, request: CancelRequest): Promise<CancelResult>;
  /** The B2B invoice of a packed PO; idempotent per PO at the marketplace. */
  invoice?(context: PushContext<Settings, Interface>, request: InvoiceRequest): Promise<InvoiceResult>;
  /** The seller's own e-invoice (IRN, signed QR, PDF) for an invoice the marketplace issued. */
  invoiceUpdate?(context: PushContext<Settings, Interface>, request: InvoiceUpdateRequest): Promise<void>;
  /** Box AWBs (master and children) and, when asked, the marketplace's box labels. */
  shipment?(
    context: PushContext<Settings, Interface>,
    request: { poNumber: string; fetchLabel: boolean },
  ): Promise<ShipmentResult>;
  /** Hands POs over: the marketplace's manifest, and the items it refused. */
  dispatch?(context: PushContext<Settings, Interface>, items: DispatchItem[]): Promise<DispatchResult>;
}

/**
 * A push that failed as a whole, classified once by the channel: `retryable` surely had no effect,
 * `indeterminate` may have (read back before sending again), `fatal` was refused.
 */
export class ChannelPushError extends Error {
  readonly kind: 'retryable' | 'indeterminate' | 'fatal';

  /** `cause`: the channel's own error, so its hooks (loginRefused) can still read it. */
  constructor(kind: 'retryable' | 'indeterminate' | 'fatal', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChannelPushError';
    this.kind = kind;
  }
}

/** The channel as a stream sees it. */
export interface ChannelRef {
  id: number;
  code: string;
  name: string;
  warehouseId: number;
  warehouseCode: string;
}

/** What a stream (a pull) or a push gets for one run. */
export interface StreamContext<Settings = any, Interface = any> {
  database: Database;
  channel: ChannelRef;
  settings: Settings;
  credentials: Interface;
  runId: number;
  log: Logger;
  /** Failed records of an earlier run, when this run retries them; otherwise undefined. */
  retrying?: SyncRunRecord[];
  /** How many records the run expects, for progress. */
  setTotal(total: number): Promise<void>;
  /** Outcomes of a page of records; failed ones are kept with their payload for a retry. */
  record(results: RecordResult[]): Promise<void>;
}

export interface StreamRunner<Settings = any, Interface = any> {
  /** skus, backorders, orders, inventory, reconcile, returns. */
  name: string;
  description: string;
  /** Null when the channel's settings allow the stream; otherwise the sentence that says why not. */
  disabledBecause(settings: Settings): string | null;
  /** Minutes between scheduled runs, or a daily IST time; null: only on demand. */
  schedule(settings: Settings): { everyMinutes: number } | { dailyAtIst: string } | null;
  run(context: StreamContext<Settings, Interface>): Promise<void>;
}
