import type { ZodType } from 'zod';

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
}
