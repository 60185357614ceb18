import type { ChannelView } from './channel-types.ts';

/**
 * The Channel Maintenance and Configure Interface forms as one flat state, and its translation to
 * and from the API's body. Error keys are the API's dotted field paths (`settings.orders.prepack`),
 * so a message from the server lands next to the control that caused it.
 */
export interface ChannelForm {
  name: string;
  warehouse: string;
  status: 'active' | 'paused' | 'disabled';
  orderSyncFrom: string;
  returnSyncFrom: string;
  skuSyncMode: 'pull' | 'off';
  orderSync: boolean;
  returnOrderSync: boolean;
  prepack: boolean;
  readyToShipAt: 'pack' | 'manifest';
  useMarketplaceLabel: boolean;
  shippingLabel: 'ajio-box-label' | 'weft-box-label';
  /** "Inventory sync method": real time, scheduled, or off. */
  inventorySync: 'realtime' | 'scheduled' | 'off';
  inventoryIntervalMinutes: string;
  reconciliation: boolean;
  reconciliationAt: string;
  /** The PO SLA clock, in whole hours from the PO date (src/core/orders/sla.ts). */
  slaTargetHours: string;
  slaLimitHours: string;
  slaAtRiskHours: string;
  baseUrl: string;
  username: string;
  /** Blank on an existing channel keeps the stored password (passwords are never shown). */
  password: string;
  isB2B: '' | 'yes' | 'no';
  einvoicing: boolean;
  einvoicingUsername: string;
  einvoicingPassword: string;
  /** The IRP's API address (NIC's sandbox or production host, or a GSP's). */
  irpBaseUrl: string;
  einvoicingClientId: string;
  /** Blank on an existing channel keeps the stored client secret (it is never shown). */
  einvoicingClientSecret: string;
  irpPublicKey: string;
}

export type Errors = Record<string, string>;

/** Today in IST, as the date inputs want it. */
const todayIst = () => new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 10);

export function blankForm(): ChannelForm {
  return {
    name: '',
    warehouse: '',
    status: 'active',
    orderSyncFrom: todayIst(),
    returnSyncFrom: todayIst(),
    skuSyncMode: 'pull',
    orderSync: true,
    returnOrderSync: false,
    prepack: false,
    readyToShipAt: 'pack',
    useMarketplaceLabel: true,
    shippingLabel: 'ajio-box-label',
    inventorySync: 'realtime',
    inventoryIntervalMinutes: '30',
    reconciliation: false,
    reconciliationAt: '03:00',
    slaTargetHours: '24',
    slaLimitHours: '48',
    slaAtRiskHours: '6',
    baseUrl: '',
    username: '',
    password: '',
    isB2B: '',
    einvoicing: false,
    einvoicingUsername: '',
    einvoicingPassword: '',
    irpBaseUrl: defaultIrpBaseUrl,
    einvoicingClientId: '',
    einvoicingClientSecret: '',
    irpPublicKey: '',
  };
}

/** NIC's e-invoice sandbox, the settings' default; production hosts are issued at onboarding. */
export const defaultIrpBaseUrl = 'https://einv-apisandbox.nic.in';

export function formOf(channel: ChannelView): ChannelForm {
  const s = channel.settings;
  const i = channel.interface;
  return {
    name: channel.name,
    warehouse: channel.warehouse,
    status: channel.status,
    orderSyncFrom: s.orderSyncFrom,
    returnSyncFrom: s.returnSyncFrom,
    skuSyncMode: s.skuSync.mode === 'off' ? 'off' : 'pull',
    orderSync: s.orders.orderSync,
    returnOrderSync: s.orders.returnOrderSync,
    prepack: s.orders.prepack,
    readyToShipAt: s.orders.readyToShipAt,
    useMarketplaceLabel: s.orders.useMarketplaceLabel,
    shippingLabel: s.orders.shippingLabel,
    inventorySync: s.inventory.enabled ? s.inventory.mode : 'off',
    inventoryIntervalMinutes: String(s.inventory.intervalMinutes),
    reconciliation: s.reconciliation.enabled,
    reconciliationAt: s.reconciliation.dailyAt,
    // A channel saved before the SLA settings existed has the defaults.
    slaTargetHours: String(s.sla?.targetHours ?? 24),
    slaLimitHours: String(s.sla?.limitHours ?? 48),
    slaAtRiskHours: String(s.sla?.atRiskHours ?? 6),
    baseUrl: s.baseUrl,
    username: i.username ?? '',
    password: '',
    isB2B: i.isB2B === undefined ? '' : i.isB2B ? 'yes' : 'no',
    einvoicing: i.einvoicing?.enabled ?? false,
    einvoicingUsername: i.einvoicing?.username ?? '',
    einvoicingPassword: '',
    irpBaseUrl: s.einvoice?.irpBaseUrl ?? defaultIrpBaseUrl,
    einvoicingClientId: s.einvoice?.clientId ?? '',
    einvoicingClientSecret: '',
    irpPublicKey: s.einvoice?.publicKeyPem ?? '',
  };
}

export function settingsOf(f: ChannelForm, options: { withBaseUrl: boolean }) {
  return {
    orderSyncFrom: f.orderSyncFrom,
    returnSyncFrom: f.returnSyncFrom,
    skuSync: { mode: f.skuSyncMode, createMode: 'moderate' },
    orders: {
      orderSync: f.orderSync,
      returnOrderSync: f.returnOrderSync,
      prepack: f.prepack,
      readyToShipAt: f.readyToShipAt,
      useMarketplaceLabel: f.useMarketplaceLabel,
      shippingLabel: f.shippingLabel,
    },
    inventory: {
      enabled: f.inventorySync !== 'off',
      mode: f.inventorySync === 'scheduled' ? 'scheduled' : 'realtime',
      ...(f.inventorySync === 'scheduled' ? { intervalMinutes: Number(f.inventoryIntervalMinutes) } : {}),
    },
    reconciliation: { enabled: f.reconciliation, dailyAt: f.reconciliationAt },
    sla: {
      targetHours: Number(f.slaTargetHours),
      limitHours: Number(f.slaLimitHours),
      atRiskHours: Number(f.slaAtRiskHours),
    },
    ...(options.withBaseUrl && f.baseUrl.trim() ? { baseUrl: f.baseUrl.trim() } : {}),
    // E-invoicing's public settings go with it on; off, the stored ones are left as they are.
    ...(f.einvoicing
      ? {
          einvoice: {
            irpBaseUrl: f.irpBaseUrl.trim(),
            clientId: f.einvoicingClientId.trim(),
            publicKeyPem: f.irpPublicKey.trim(),
          },
        }
      : {}),
  };
}

/**
 * The interface credentials. Passwords left blank are left out, which on a change keeps the stored
 * ones; e-invoicing's username and password are sent only while it is on, as AJIO's prerequisites ask.
 */
export function interfaceOf(f: ChannelForm) {
  return {
    username: f.username.trim(),
    ...(f.password ? { password: f.password } : {}),
    isB2B: f.isB2B,
    einvoicing: f.einvoicing
      ? {
          enabled: true,
          username: f.einvoicingUsername.trim(),
          ...(f.einvoicingPassword ? { password: f.einvoicingPassword } : {}),
          ...(f.einvoicingClientSecret ? { clientSecret: f.einvoicingClientSecret } : {}),
        }
      : // Blank, not absent: a change merges with the stored credentials, and off means none are kept.
        { enabled: false, username: '', password: '', clientSecret: '' },
  };
}

/** Checks the console can make before asking the server; the server checks everything again. */
export function maintenanceProblems(f: ChannelForm): Errors {
  const errors: Errors = {};
  if (!f.name.trim()) errors.name = 'Give the channel a name, such as "AJIO JIT Bhiwandi".';
  if (!f.warehouse) errors.warehouse = 'Choose the order source warehouse.';
  if (!f.orderSyncFrom) errors['settings.orderSyncFrom'] = 'Choose the date from which orders are pulled.';
  if (!f.returnSyncFrom) errors['settings.returnSyncFrom'] = 'Choose the date from which returns are pulled.';
  return errors;
}

export function interfaceProblems(f: ChannelForm): Errors {
  const errors: Errors = {};
  if (!f.username.trim()) errors['interface.username'] = 'Give the AJIO API username (it starts with DV).';
  if (f.isB2B === '') errors['interface.isB2B'] = 'Choose Yes: AJIO JIT is a B2B marketplace.';
  return errors;
}

/** Fields of the Channel Maintenance step; an error on one of them sends the wizard back to that step. */
export const maintenanceFields = new Set(['name', 'warehouse', 'type']);
// E-invoicing's settings sit on the interface step, beside its credentials.
export const isMaintenanceField = (field: string) =>
  maintenanceFields.has(field) || (field.startsWith('settings.') && !field.startsWith('settings.einvoice.'));
