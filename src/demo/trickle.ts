// The demo's marketplace activity: customers order on ajio.com every few seconds (pendency), AJIO
// turns open pendency into POs every minute or so, and once POs have been dispatched a customer now
// and then sends a unit back; Weft is asked to pull right after each, so a newcomer
// watches orders arrive instead of waiting for the 15-minute schedules. Failures are logged and the
// next tick tries again: a demo that stops trickling is better than one that crashes.
import { channelDescriptor } from '../channels/registry.ts';
import { AppError } from '../core/errors.ts';
import { requestRun, type SendJob } from '../core/sync/execute.ts';
import type { Database } from '../db/connect.ts';
import type { Logger } from '../log.ts';
import { SandboxControlError, type SandboxControl } from '../sandbox/ajio/control-client.ts';
import { Prng } from '../sandbox/ajio/prng.ts';

export interface TrickleOptions {
  control: SandboxControl;
  /** The sandbox seller (POB) the customers order from. */
  seller: string;
  database: Database;
  send: SendJob;
  channelCode: string;
  log: Logger;
  /** Place 1–3 customer orders every this many seconds (default 20). */
  orderSeconds?: number;
  /** Raise POs from open pendency every this many seconds (default 60). */
  poSeconds?: number;
  /** A customer returns a unit of a dispatched PO every this many seconds (default 90). */
  returnSeconds?: number;
  /** Seed of the generated orders, so two demos with the same seed see the same orders. */
  seed?: number;
  /** One line per event, for the person watching the terminal. */
  note?: (line: string) => void;
}

export interface Trickle {
  /** Stops the timers and waits for a tick that is under way. */
  stop(): Promise<void>;
}

export function startTrickle(options: TrickleOptions): Trickle {
  const { control, seller, log } = options;
  const note = options.note ?? (() => {});
  const seed = options.seed ?? 7;
  const prng = new Prng(seed);
  let ticks = 0;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const pull = async (stream: string) => {
    try {
      await requestRun(options.database, channelDescriptor, options.send, {
        channelCode: options.channelCode,
        stream,
        trigger: 'manual',
      });
    } catch (error) {
      // A person may pause the channel or turn order sync off in the demo: that is theirs to do.
      if (error instanceof AppError) log.info({ stream, reason: error.message }, 'demo pull not requested');
      else throw error;
    }
  };

  const placeOrders = async () => {
    const count = prng.int(1, 3);
    const placed = await control.placeCustomerOrders(seller, {
      count,
      seed: seed * 1000 + ++ticks,
      maxLines: 3,
      maxQuantity: 2,
    });
    const lines = placed.orders?.reduce((n, o) => n + o.order_lines.length, 0) ?? 0;
    note(
      `${placed.created} customer order${placed.created === 1 ? '' : 's'} placed on AJIO (${lines} line${lines === 1 ? '' : 's'} of pendency)`,
    );
    await pull('backorders');
  };

  const raisePos = async () => {
    const pos = await control.raisePurchaseOrders(seller);
    if (pos.length === 0) return;
    for (const po of pos)
      note(
        `AJIO raised PO ${po.po_number}: ${po.lines} line${po.lines === 1 ? '' : 's'}, ${po.units} unit${po.units === 1 ? '' : 's'}`,
      );
    await pull('backorders');
    await pull('orders');
  };

  const returnUnit = async () => {
    try {
      const [made] = await control.createReturns(seller, { count: 1, seed: seed * 1000 + ++ticks });
      note(`A customer returned a unit of PO ${made.po_number} (return ${made.return_id}, ${made.reason})`);
    } catch (error) {
      // Until the seller dispatches a manifest there is nothing a customer could send back.
      if (error instanceof SandboxControlError && error.status === 400) return;
      throw error;
    }
    await pull('returns');
  };

  // One tick at a time: a slow sandbox or database delays the next tick instead of piling them up.
  const tick = (name: string, body: () => Promise<void>) => () => {
    if (stopped) return;
    running = running
      .then(body)
      .catch((error) => log.warn({ err: error }, `demo ${name} failed; trying again on the next tick`));
  };
  const orderTick = tick('customer orders', placeOrders);
  const poTick = tick('purchase orders', raisePos);
  const returnTick = tick('returns', returnUnit);

  const orderSeconds = options.orderSeconds ?? 20;
  const poSeconds = options.poSeconds ?? 60;
  const timers: NodeJS.Timeout[] = [
    setInterval(orderTick, orderSeconds * 1000),
    setInterval(returnTick, (options.returnSeconds ?? 90) * 1000),
    // The first POs come within half a minute, so a newcomer sees one inside the first minute.
    setTimeout(() => {
      poTick();
      if (!stopped) timers.push(setInterval(poTick, poSeconds * 1000).unref());
    }, Math.min(poSeconds, 30) * 1000),
  ];
  for (const timer of timers) timer.unref();
  orderTick();

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await running;
    },
  };
}
