import type { ZodType } from 'zod';
import type { Database } from '../db/connect.ts';
import type { Logger } from '../log.ts';
import type { RecordResult, SyncRunRecord } from './sync/runs.ts';

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
}

export interface ChannelDescriptor<Settings = any, Interface = any> {
  type: string;
  displayName: string;
  /** Channel codes are this prefix and a number, such as AJIO0001. */
  codePrefix: string;
  settingsSchema: ZodType<Settings>;
  interfaceSchema: ZodType<Interface>;
  /** The credentials as they may be shown: no passwords. */
  publicInterface(credentials: Interface): Record<string, unknown>;
  capabilities: ChannelCapabilities;
  /** Logs in with these credentials; resolves with when the token stops being valid. */
  testConnection(settings: Settings, credentials: Interface): Promise<{ tokenValidUntil: Date }>;
  /** The pulls and pushes a sync run can execute, by name. */
  streams: StreamRunner<Settings, Interface>[];
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
