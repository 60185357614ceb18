import type { ChannelDescriptor } from '../../core/channel-descriptor.ts';
import { AppError } from '../../core/errors.ts';
import { AjioClient } from './client.ts';
import { AjioError } from './errors.ts';
import { maxDispatchItems, maxInventoryBatch, maxPageSize } from './codes.ts';
import { ajioStreams } from './streams/index.ts';
import { ajioInterfaceSchema, ajioSettingsSchema, publicInterface, type AjioInterface, type AjioSettings } from './settings.ts';

export function clientFor(settings: AjioSettings, credentials: AjioInterface): AjioClient {
  return new AjioClient({
    baseUrl: settings.baseUrl, pathPrefix: settings.pathPrefix,
    username: credentials.username, password: credentials.password,
    requestsPerSecond: settings.rateLimitPerSecond,
  });
}

/**
 * One client per channel and credentials, kept between runs so its token (30 minutes at AJIO) and
 * its pacing are shared by every stream of the channel in this process.
 */
const clients = new Map<string, AjioClient>();

export function channelClient(channelCode: string, settings: AjioSettings, credentials: AjioInterface): AjioClient {
  const key = JSON.stringify([channelCode, settings.baseUrl, settings.pathPrefix, settings.rateLimitPerSecond, credentials.username, credentials.password]);
  let client = clients.get(key);
  if (!client) {
    for (const k of clients.keys()) if (JSON.parse(k)[0] === channelCode) clients.delete(k);
    client = clientFor(settings, credentials);
    clients.set(key, client);
  }
  return client;
}

export const ajioJit: ChannelDescriptor<AjioSettings, AjioInterface> = {
  type: 'ajio-jit',
  displayName: 'AJIO JIT (B2B)',
  codePrefix: 'AJIO',
  settingsSchema: ajioSettingsSchema,
  interfaceSchema: ajioInterfaceSchema,
  publicInterface,
  capabilities: {
    partialCancel: true,
    cancelAfterInvoice: false,
    pageSize: maxPageSize,
    inventoryBatchSize: maxInventoryBatch,
    manifestCap: maxDispatchItems,
    tokenLifetimeSeconds: 1800,
    catalogPush: false,
  },
  streams: ajioStreams,
  async testConnection(settings, credentials) {
    try {
      return await clientFor(settings, credentials).testConnection();
    } catch (error) {
      if (error instanceof AjioError) throw new AppError('unavailable', `Connection test failed: ${error.message}`);
      throw error;
    }
  },
};
