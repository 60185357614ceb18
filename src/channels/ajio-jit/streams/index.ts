import type { StreamRunner } from '../../../core/channel-descriptor.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';
import { skusStream } from './skus.ts';
import { backordersStream } from './backorders.ts';
import { inventoryStream } from './inventory.ts';
import { reconcileStream } from './reconcile.ts';
import { returnsStream } from './returns.ts';
import { ordersStream } from './orders.ts';

/** Every AJIO JIT stream and push a sync run can execute. */
export const ajioStreams: StreamRunner<AjioSettings, AjioInterface>[] = [
  skusStream,
  backordersStream,
  ordersStream,
  inventoryStream,
  reconcileStream,
  returnsStream,
];
