import type { ChannelDescriptor } from '../../core/channel-descriptor.ts';
import { AppError } from '../../core/errors.ts';
import { AjioClient } from './client.ts';
import { AjioError } from './errors.ts';
import { maxDispatchItems, maxInventoryBatch, maxPageSize } from './codes.ts';
import { ajioInterfaceSchema, ajioSettingsSchema, publicInterface, type AjioInterface, type AjioSettings } from './settings.ts';

export function clientFor(settings: AjioSettings, credentials: AjioInterface): AjioClient {
  return new AjioClient({
    baseUrl: settings.baseUrl, pathPrefix: settings.pathPrefix,
    username: credentials.username, password: credentials.password,
    requestsPerSecond: settings.rateLimitPerSecond,
  });
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
  async testConnection(settings, credentials) {
    try {
      return await clientFor(settings, credentials).testConnection();
    } catch (error) {
      if (error instanceof AjioError) throw new AppError('unavailable', `Connection test failed: ${error.message}`);
      throw error;
    }
  },
};
