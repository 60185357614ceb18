import { ChannelPushError, type ChannelDescriptor } from '../../core/channel-descriptor.ts';
import { AppError } from '../../core/errors.ts';
import { AjioError } from './errors.ts';
import { maxDispatchItems, maxInventoryBatch, maxPageSize, paths } from './codes.ts';
import { ajioStreams } from './streams/index.ts';
import { clientFor, tokenValidUntil } from './client-cache.ts';
import { ajioPolicy } from './policy.ts';
import { parseGuardedOrder } from './contract/guard.ts';
import { readOrders } from './read-orders.ts';
import { readStock } from './read-stock.ts';
import { fetchAjioDocument } from './fetch-document.ts';
import { cancelPush } from './push/cancel.ts';
import { dispatchPush, invoicePush, invoiceUpdatePush, shipmentPush } from './push/fulfilment.ts';
import {
  ajioInterfaceSchema,
  ajioSettingsSchema,
  publicInterface,
  type AjioInterface,
  type AjioSettings,
} from './settings.ts';

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
    // AJIO's invoice record taxes each line as a whole and splits CGST/SGST (the sandbox's money.ts).
    taxRounding: 'line-then-split',
  },
  streams: ajioStreams,
  parseOrder: (raw: unknown) => parseGuardedOrder(raw),
  readOrders,
  readStock,
  fetchDocument: fetchAjioDocument,
  pushes: {
    cancel: cancelPush,
    invoice: invoicePush,
    invoiceUpdate: invoiceUpdatePush,
    shipment: shipmentPush,
    dispatch: dispatchPush,
  },
  einvoicing(settings, credentials) {
    if (!credentials.einvoicing.enabled) return null;
    // Every field NIC's IRP needs, named by its place in the form: refused when the channel is saved.
    const missing = einvoicingGaps(settings, credentials);
    if (missing.length) {
      const names = missing.map((m) => m.label);
      throw new AppError(
        'invalid',
        `E-invoicing is on but ${names.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set: add what NIC (or your GSP) issued, or turn e-invoicing off.`,
        {
          field: missing[0].field,
          details: missing.map((m) => ({ field: m.field, message: `E-invoicing is on: give the ${m.label}.` })),
        },
      );
    }
    return {
      baseUrl: settings.einvoice.irpBaseUrl,
      userName: credentials.einvoicing.username!,
      password: credentials.einvoicing.password!,
      clientId: settings.einvoice.clientId,
      clientSecret: credentials.einvoicing.clientSecret!,
      publicKeyPem: settings.einvoice.publicKeyPem,
      signingPublicKeyPem: settings.einvoice.signingPublicKeyPem,
    };
  },
  policy: ajioPolicy,
  sessionValidUntil: tokenValidUntil,
  // The POB id is the AJIO username: one seller account, so one channel.
  accountKey: (credentials) => ({
    key: credentials.username.toUpperCase(),
    label: 'POB id',
    field: 'interface.username',
  }),
  loginRefused,
  async testConnection(settings, credentials) {
    try {
      return await clientFor(settings, credentials).testConnection();
    } catch (error) {
      const refused = loginRefused(error);
      if (refused) throw new AppError('login_refused', refused);
      if (error instanceof AjioError) throw new AppError('unavailable', `Connection test failed: ${error.message}`);
      throw error;
    }
  },
};

/**
 * AJIO said no to the login itself (4xx on /authToken: wrong password, locked login), not an outage.
 * A push's failure carries the AJIO error as its cause.
 */
function loginRefused(error: unknown): string | null {
  if (error instanceof ChannelPushError) return loginRefused(error.cause);
  if (!(error instanceof AjioError) || error.path !== paths.auth || error.kind !== 'fatal') return null;
  return error.status !== null && error.status >= 400 && error.status < 500 ? error.message : null;
}

/** The e-invoicing fields left empty while e-invoicing is on, with the form field each belongs to. */
function einvoicingGaps(settings: AjioSettings, credentials: AjioInterface): { field: string; label: string }[] {
  const gaps: { field: string; label: string; empty: boolean }[] = [
    { field: 'settings.einvoice.irpBaseUrl', label: 'IRP address', empty: !settings.einvoice.irpBaseUrl },
    { field: 'settings.einvoice.clientId', label: 'client id', empty: !settings.einvoice.clientId },
    { field: 'settings.einvoice.publicKeyPem', label: 'IRP public key', empty: !settings.einvoice.publicKeyPem },
    { field: 'interface.einvoicing.username', label: 'e-invoicing username', empty: !credentials.einvoicing.username },
    { field: 'interface.einvoicing.password', label: 'e-invoicing password', empty: !credentials.einvoicing.password },
    {
      field: 'interface.einvoicing.clientSecret',
      label: 'client secret',
      empty: !credentials.einvoicing.clientSecret,
    },
  ];
  return gaps.filter((g) => g.empty).map(({ field, label }) => ({ field, label }));
}
