import { ChannelPushError, type PushContext } from '../../../core/channel-descriptor.ts';
import type {
  DispatchItem,
  DispatchResult,
  InvoiceRequest,
  InvoiceResult,
  InvoiceUpdateRequest,
  ShipmentResult,
} from '../../../core/fulfilment/push-types.ts';
import { maxDispatchItems, paths } from '../codes.ts';
import { guardAnswer } from '../contract/guard.ts';
import { type AjioCall, driftSentence } from '../contract/index.ts';
import { channelClient } from '../client-cache.ts';
import { AjioError } from '../errors.ts';
import { writeGate, type WriteSubject } from '../../../core/channel-mode/gate.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';

/**
 * Invoice, shipment (box AWBs and labels) and dispatch at AJIO (docs/ajio-contract.md §7–9).
 * Invoice and shipment are idempotent per PO at AJIO, so after a timeout the same call is the
 * read-back. Dispatch is not: after a timeout, and before an attempt taken over from a process that
 * died mid-call, the POs are read back to see which were dispatched and on which AJIO manifest.
 */
type Ctx = PushContext<AjioSettings, AjioInterface>;

/** The mode gate of one write of this push (core/channel-mode/gate.ts). */
const gate = (ctx: Ctx, call: string, subject: WriteSubject) =>
  writeGate(ctx.database.db, ctx.channel.id, call, subject);
const pos = (...values: string[]): WriteSubject => ({ kind: 'po', values });

const paise = (rupees: unknown) => Math.round(Number(rupees ?? 0) * 100);
const epoch = (value: unknown) => (value === undefined || value === null ? null : new Date(Number(value) * 1000));

/**
 * Checks a write's answer against the contract and holds it when a field the push reads is missing or
 * of another type: the outbox entry stays indeterminate (never read with empty or zero fields), and the
 * next attempt reads back — invoice and shipment are idempotent at AJIO, dispatch reads the POs back.
 */
async function guarded(ctx: Ctx, call: AjioCall, body: unknown, what: string): Promise<void> {
  const check = await guardAnswer(ctx.database, ctx.channel.id, call, body);
  if (check.drift.length)
    throw new ChannelPushError(
      'indeterminate',
      `Contract drift: ${driftSentence(call, check.drift)}. ${what} is held until AJIO's answer (or Weft's contract) is corrected.`,
    );
}

async function classified<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AjioError) throw new ChannelPushError(error.kind, error.message, { cause: error });
    throw error;
  }
}

export function invoicePush(ctx: Ctx, request: InvoiceRequest): Promise<InvoiceResult> {
  return classified(async () => {
    const client = channelClient(ctx);
    const body = await client.post<Record<string, unknown>>(
      paths.invoice,
      {
        po_number: request.poNumber,
        boxes: request.boxes.map((b) => ({
          box_id: b.boxCode,
          weight_grams: b.weightGrams,
          lines: b.lines.map((l) => ({ order_item_id: l.externalLineId, quantity: l.quantity })),
        })),
      },
      gate(ctx, 'invoice', pos(request.poNumber)),
    );
    await guarded(ctx, 'POST /orders/b2bInvoice', body, `The invoice of PO ${request.poNumber}`);
    const number = body?.invoice_number;
    if (typeof number !== 'string' || !number) {
      throw new ChannelPushError(
        'indeterminate',
        `AJIO answered the invoice call for PO ${request.poNumber} without an invoice number.`,
      );
    }
    return {
      invoiceNumber: number,
      invoiceDate: epoch(body.invoice_date) ?? new Date(),
      invoiceUrl: typeof body.invoice_url === 'string' ? body.invoice_url : null,
      taxablePaise: paise(body.taxable_value),
      taxPaise: paise(body.total_tax),
      totalPaise: paise(body.invoice_value),
      irn: typeof body.irn === 'string' ? body.irn : null,
      signedQr: typeof body.signed_qr_code === 'string' ? body.signed_qr_code : null,
      ackNo: body.ack_no === undefined || body.ack_no === null ? null : String(body.ack_no),
      ackDate: epoch(body.ack_date),
      raw: body,
    };
  });
}

/** Sends the seller's own IRN and invoice PDF; repeating it replaces the same values, so it is safe to retry. */
export function invoiceUpdatePush(ctx: Ctx, request: InvoiceUpdateRequest): Promise<void> {
  return classified(async () => {
    const client = channelClient(ctx);
    const answer = await client.put(
      paths.invoice,
      {
        po_number: request.poNumber,
        invoice_number: request.invoiceNumber,
        irn: request.irn,
        signed_qr_code: request.signedQr,
        ack_no: request.ackNo,
        ack_date: Math.floor(request.ackDate.getTime() / 1000),
        invoice_pdf: request.invoicePdf.toString('base64'),
      },
      gate(ctx, 'e-invoice update', pos(request.poNumber)),
    );
    // Nothing of this answer is read; the guard still lists fields the contract does not know.
    await guardAnswer(ctx.database, ctx.channel.id, 'PUT /orders/b2bInvoice', answer ?? {});
  });
}

export function shipmentPush(ctx: Ctx, request: { poNumber: string; fetchLabel: boolean }): Promise<ShipmentResult> {
  return classified(async () => {
    const client = channelClient(ctx);
    const body = await client.post<{
      master_awb?: string;
      boxes?: { box_id?: string; awb?: string }[];
      label_url?: string;
    }>(paths.shipment, { po_number: request.poNumber }, gate(ctx, 'shipment', pos(request.poNumber)));
    await guarded(ctx, 'POST /orders/shipment', body, `The shipment of PO ${request.poNumber}`);
    if (!body?.master_awb || !Array.isArray(body.boxes)) {
      throw new ChannelPushError(
        'indeterminate',
        `AJIO answered the shipment call for PO ${request.poNumber} without AWBs.`,
      );
    }
    const labelPdf = request.fetchLabel && body.label_url ? await client.document(body.label_url) : null;
    return {
      masterAwb: body.master_awb,
      boxes: body.boxes.map((b) => ({ boxCode: String(b.box_id), awb: String(b.awb) })),
      labelPdf,
    };
  });
}

export function dispatchPush(ctx: Ctx, items: DispatchItem[]): Promise<DispatchResult> {
  if (items.length > maxDispatchItems) {
    return Promise.reject(
      new ChannelPushError(
        'fatal',
        `AJIO takes at most ${maxDispatchItems} POs per dispatch; this manifest has ${items.length}.`,
      ),
    );
  }
  return classified(async () => {
    const client = channelClient(ctx);
    let toSend = items;
    let before: DispatchResult | null = null;
    if (ctx.memo.sentAt) {
      // Taken over from an attempt that went out and was never answered (its process died, or the
      // answer was lost): what AJIO already dispatched is read back and recorded, never sent again.
      const statuses = await readBack(client, items, 'An earlier attempt went out without an answer.');
      toSend = items.filter((i) => !isDispatched(statuses.get(i.orderId)));
      before = await landed(
        client,
        items.filter((i) => !toSend.includes(i)),
        statuses,
      );
      if (toSend.length === 0) return before;
    }
    await ctx.remember({ sentAt: new Date().toISOString() });
    let body: {
      manifestId?: string | null;
      manifestUrl?: string | null;
      failedDispatchItems?: { orderId?: string; errorMessage?: string }[];
    };
    try {
      body = await client.post(
        paths.dispatch,
        {
          dispatchItems: toSend.map((i) => ({
            masterAWB: i.masterAwb,
            orderId: i.orderId,
            invoiceNo: i.invoiceNumber,
          })),
        },
        gate(ctx, 'dispatch', pos(...toSend.map((i) => i.poNumber))),
      );
    } catch (error) {
      if (!(error instanceof AjioError) || error.kind !== 'indeterminate') throw error;
      return merge(before, await readBackDispatch(ctx, toSend, error.message));
    }
    await guarded(ctx, 'POST /orders/dispatch', body, `The dispatch of ${toSend.length} PO(s)`);
    const failed = body?.failedDispatchItems ?? [];
    // ORDER_ALREADY_DISPATCHED: an earlier, unanswered call dispatched it. Not an error to retry: it is
    // read back, and the manifest it left on is recorded.
    const alreadyIds = new Set(failed.filter((f) => alreadyDispatched(f.errorMessage)).map((f) => String(f.orderId)));
    const earlier = await alreadyDispatchedResult(client, toSend, failed, alreadyIds);
    // The dispatch has landed: a manifest PDF that cannot be fetched now must not make it look undone.
    const manifestPdf = body?.manifestUrl ? await client.document(body.manifestUrl).catch(() => null) : null;
    const now: DispatchResult = {
      manifestId: body?.manifestId ?? null,
      manifestPdf,
      refused: failed
        .filter((f) => !alreadyIds.has(String(f.orderId)))
        .map((f) => ({ orderId: String(f.orderId), message: String(f.errorMessage ?? 'refused') })),
    };
    return merge(merge(before, earlier), now);
  });
}

const alreadyDispatched = (message: unknown) => String(message ?? '').startsWith('ORDER_ALREADY_DISPATCHED');
const isDispatched = (po: PoState | undefined) => po !== undefined && ['DISPATCHED', 'DELIVERED'].includes(po.status);

interface PoState {
  status: string;
  manifestId: string | null;
  manifestUrl: string | null;
}

/**
 * The POs AJIO refused as ORDER_ALREADY_DISPATCHED, read back with the manifest they left on (taken from
 * the refusal's text when the read-back does not name one); null when there are none.
 */
async function alreadyDispatchedResult(
  client: ReturnType<typeof channelClient>,
  sent: DispatchItem[],
  failed: { orderId?: string; errorMessage?: string }[],
  alreadyIds: Set<string>,
): Promise<DispatchResult | null> {
  const already = sent.filter((i) => alreadyIds.has(i.orderId));
  if (already.length === 0) return null;
  const statuses = await readBack(client, already, 'AJIO said the POs were already dispatched.').catch(
    () => new Map<string, PoState>(),
  );
  for (const f of failed) {
    const id = String(f.orderId);
    const named = /manifest\s+(\S+)/.exec(String(f.errorMessage ?? ''))?.[1];
    if (alreadyIds.has(id) && !statuses.get(id)?.manifestId && named)
      statuses.set(id, { status: 'DISPATCHED', manifestId: named, manifestUrl: null });
  }
  return landed(client, already, statuses);
}

/** The POs' status at AJIO, and for dispatched ones the manifest they left on. */
async function readBack(
  client: ReturnType<typeof channelClient>,
  items: DispatchItem[],
  why: string,
): Promise<Map<string, PoState>> {
  const states = new Map<string, PoState>();
  try {
    for (let i = 0; i < items.length; i += 50) {
      const ids = items
        .slice(i, i + 50)
        .map((x) => x.orderId)
        .join(',');
      const body = await client.get<{
        orders?: { order_id?: string; status?: string; manifest_id?: string; manifest_url?: string }[];
      }>(paths.orders, { orderIds: ids });
      for (const o of body?.orders ?? []) {
        states.set(String(o.order_id), {
          status: String(o.status),
          manifestId: o.manifest_id ?? null,
          manifestUrl: o.manifest_url ?? null,
        });
      }
    }
  } catch (error) {
    // Without the read-back nobody knows whether the dispatch landed: that stays indeterminate.
    throw new ChannelPushError(
      'indeterminate',
      `${why} Reading the POs back failed too (${(error as Error).message}); dispatch again to settle it.`,
    );
  }
  return states;
}

/** What AJIO shows for POs already dispatched: their manifest id(s) and the first manifest's PDF. */
async function landed(
  client: ReturnType<typeof channelClient>,
  items: DispatchItem[],
  states: Map<string, PoState>,
): Promise<DispatchResult> {
  const manifests = [
    ...new Map(
      items
        .map((i) => states.get(i.orderId))
        .filter((s): s is PoState => !!s?.manifestId)
        .map((s) => [s.manifestId!, s]),
    ).values(),
  ];
  const first = manifests[0];
  const manifestPdf = first?.manifestUrl ? await client.document(first.manifestUrl).catch(() => null) : null;
  return {
    manifestId: manifests.length ? manifests.map((m) => m.manifestId).join(', ') : null,
    manifestPdf,
    refused: [],
  };
}

/** Two parts of one attempt: manifest ids joined, the first PDF kept, refusals of both. */
function merge(a: DispatchResult | null, b: DispatchResult | null): DispatchResult {
  if (!a) return b!;
  if (!b) return a;
  const ids = [...new Set([a.manifestId, b.manifestId].flatMap((id) => (id ? id.split(', ') : [])))];
  return {
    manifestId: ids.length ? ids.join(', ') : null,
    manifestPdf: a.manifestPdf ?? b.manifestPdf,
    refused: [...a.refused, ...b.refused],
  };
}

/**
 * The dispatch call may have landed: the POs now DISPATCHED at AJIO were dispatched by it, and the
 * manifest they show is the one it made (recorded with its PDF). The POs still dispatched are not
 * sent twice.
 */
async function readBackDispatch(ctx: Ctx, items: DispatchItem[], why: string): Promise<DispatchResult> {
  const client = channelClient(ctx);
  const states = await readBack(client, items, why);
  const done = items.filter((i) => isDispatched(states.get(i.orderId)));
  if (done.length === 0)
    throw new ChannelPushError(
      'retryable',
      `${why} None of the POs shows as dispatched at AJIO; it is safe to dispatch again.`,
    );
  return {
    ...(await landed(client, done, states)),
    refused: items
      .filter((i) => !done.includes(i))
      .map((i) => ({ orderId: i.orderId, message: `Not dispatched (${why}); retry it.` })),
  };
}
