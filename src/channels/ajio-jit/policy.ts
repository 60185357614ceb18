import type { ChannelPolicy, StockSource } from '../../core/channel-descriptor.ts';
import { slaSettingsOf } from '../../core/orders/sla.ts';
import { boxIdRule } from './box-ids.ts';
import type { AjioSettings } from './settings.ts';

/**
 * The AJIO JIT channel's fulfilment rules for the core, read from `settings.orders`. A channel saved
 * before a field existed gets the default of settings.ts's schema for it (order sync on, prepack off,
 * ready to ship at pack, AJIO's label, no round-off), so those defaults live here and not in the core.
 */
/** `settings.inventory`: `source: 'consolidated'` adds up the warehouses listed; anything else is the channel's own. */
function stockSource(settings: AjioSettings): StockSource {
  const inventory: Partial<AjioSettings['inventory']> | undefined = settings?.inventory;
  return inventory?.source === 'consolidated'
    ? { kind: 'consolidated', warehouses: inventory.warehouses ?? [] }
    : { kind: 'own' };
}

export function ajioPolicy(settings: AjioSettings): ChannelPolicy {
  const orders: Partial<AjioSettings['orders']> = settings?.orders ?? {};
  return {
    orderSync: orders.orderSync !== false,
    prepack: orders.prepack === true,
    readyToShipAt: orders.readyToShipAt === 'manifest' ? 'manifest' : 'pack',
    labelSource:
      orders.useMarketplaceLabel !== false && orders.shippingLabel !== 'weft-box-label' ? 'marketplace' : 'own',
    invoiceRoundOff: orders.invoiceRoundOff ? 'rupee' : 'none',
    boxIdRule: boxIdRule(settings),
    stockSource: stockSource(settings),
    sla: slaSettingsOf(settings?.sla),
  };
}
