import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { documents, manifestDispatches, manifests, orderLines } from '../../db/schema.ts';
import { audit } from '../audit.ts';
import type { ChannelDescriptor } from '../channel-descriptor.ts';
import { renderManifest, type ManifestShipment } from '../documents/render/manifest.ts';
import { storeDocument } from '../documents/store.ts';
import { AppError, conflict } from '../errors.ts';
import { moveStock } from '../inventory/movements.ts';
import { findByKey } from '../sync/outbox.ts';
import { sendOnce } from '../sync/outbox-send.ts';
import { moveOrders } from '../orders/lifecycle.ts';
import { pushContext, pushOf, requireOrderSync, type FulfilmentDeps } from './deps.ts';
import { getManifest, loadManifest, type ManifestDetail } from './manifests.ts';
import type { DispatchItem, DispatchResult } from './push-types.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * Hands a manifest's POs over to the marketplace — the seed's rule: a manifest marked done only in
 * Weft never reaches the marketplace, so this always calls it. Each attempt goes through one outbox entry keyed
 * `dispatch:<code>:<attempt>`: a timeout is read back by the channel, and a crash after the answer
 * re-applies the stored answer, so nothing is dispatched twice. Dispatched POs become shipped (units
 * leave on-hand stock); refused ones stay on the manifest with the marketplace's message and are sent
 * again by the next call. Weft's own manifest PDF is rendered from what was handed over.
 */
export interface DispatchOutcome extends ManifestDetail {
  attempt: number;
  dispatchedNow: number;
  refusedNow: { poNumber: string; message: string }[];
}

interface Candidate extends DispatchItem {
  id: number;
}

interface Kept {
  manifestId: string | null;
  refused: { orderId: string; message: string }[];
}

export async function dispatchManifest(deps: FulfilmentDeps, code: string, actor: string): Promise<DispatchOutcome> {
  const db = deps.database.db;
  const { manifest, channel, warehouse } = await loadManifest(db, code);
  const descriptor = deps.lookup(channel.type);
  if (!descriptor) throw new AppError('conflict', `Channel type ${channel.type} is not known to this Weft.`);
  requireOrderSync(channel, descriptor);
  pushOf({ descriptor }, 'dispatch'); // refuses a channel that cannot dispatch before anything is read

  const [{ done }] = await db
    .select({ done: sql<number>`count(*)::int` })
    .from(manifestDispatches)
    .where(eq(manifestDispatches.manifestId, manifest.id));
  const attempt = Number(done) + 1;
  const key = `dispatch:${manifest.code}:${attempt}`;
  // An attempt that was sent but not recorded keeps its POs: the same ones are read back or re-applied.
  const earlier = await findByKey(db, key);
  const ids = (earlier?.payload as { orderIds?: number[] } | undefined)?.orderIds;
  const items = await candidates(db, manifest.id, ids ?? null);
  if (items.length === 0) throw conflict(await nothingToSend(db, manifest.id, manifest.code));

  const kept = await sendDispatch(deps, { manifest, channel, warehouse, descriptor }, { key, attempt, items }, actor);
  const refusedBy = new Map(kept.refused.map((r) => [r.orderId, r.message]));
  try {
    await db.transaction((tx) =>
      recordDispatch(tx, { manifest, warehouse, descriptor }, { attempt, items, kept, refusedBy }, actor),
    );
  } catch (error) {
    if (error instanceof AppError) {
      throw conflict(
        `${descriptor.displayName} took the dispatch of manifest ${manifest.code}, but Weft could not record it: ${error.message} ` +
          `Put that right, then dispatch again: ${descriptor.displayName}'s answer is kept and nothing is sent twice.`,
      );
    }
    throw error;
  }
  await keepWeftManifest(deps, manifest.id, actor);
  const detail = await getManifest(deps.database, manifest.code);
  return {
    ...detail,
    attempt,
    dispatchedNow: items.filter((i) => !refusedBy.has(i.orderId)).length,
    refusedNow: items
      .filter((i) => refusedBy.has(i.orderId))
      .map((i) => ({ poNumber: i.poNumber, message: refusedBy.get(i.orderId)! })),
  };
}

type LoadedManifest = Awaited<ReturnType<typeof loadManifest>> & { descriptor: ChannelDescriptor };

/**
 * Sends one attempt through the outbox and answers what the marketplace kept of it. A refusal of the
 * whole attempt leaves the POs pending, with the reason on the manifest and its orders.
 */
async function sendDispatch(
  deps: FulfilmentDeps,
  m: LoadedManifest,
  send: { key: string; attempt: number; items: Candidate[] },
  actor: string,
): Promise<Kept> {
  const db = deps.database.db;
  const { manifest, channel, warehouse, descriptor } = m;
  const { key, attempt, items } = send;
  const push = pushOf({ descriptor }, 'dispatch');
  try {
    const { stored } = await sendOnce<DispatchResult>(db, {
      channelId: channel.id,
      kind: 'dispatch',
      idempotencyKey: key,
      payload: { manifest: manifest.code, attempt, orderIds: items.map((i) => i.id) },
      what: `the dispatch of manifest ${manifest.code} (${items.length} PO${items.length === 1 ? '' : 's'}) to ${descriptor.displayName}`,
      send: async (memo, remember) => {
        const result = await push(
          pushContext(deps, channel, warehouse.code, memo, remember),
          items.map(({ id: _, ...item }) => item),
        );
        await keepMarketplaceManifest(db, manifest.code, result, actor);
        return result;
      },
      keep: (r) => ({ manifestId: r.manifestId, refused: r.refused }),
    });
    return stored as unknown as Kept;
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict' && (await findByKey(db, key))?.status === 'failed') {
      await db
        .update(manifests)
        .set({ status: sql`case when ${manifests.status} = 'draft' then 'failed' else ${manifests.status} end` })
        .where(eq(manifests.id, manifest.id));
      await db.execute(
        sql`update manifest_orders set message = ${error.message} where manifest_id = ${manifest.id} and status <> 'dispatched'`,
      );
    }
    throw error;
  }
}

/**
 * Records an attempt's answer once (the attempt row is the guard: a second caller finds it and
 * changes nothing): refused POs keep the marketplace's message, the rest ship, and the manifest's
 * status follows its orders.
 */
async function recordDispatch(
  tx: Db,
  m: Pick<LoadedManifest, 'manifest' | 'warehouse' | 'descriptor'>,
  answer: { attempt: number; items: Candidate[]; kept: Kept; refusedBy: Map<string, string> },
  actor: string,
): Promise<void> {
  const { manifest, warehouse, descriptor } = m;
  const { attempt, items, kept, refusedBy } = answer;
  const [claimed] = await tx
    .insert(manifestDispatches)
    .values({
      manifestId: manifest.id,
      attempt,
      marketplaceManifestId: kept.manifestId,
      actor,
      dispatched: items.filter((i) => !refusedBy.has(i.orderId)).length,
      refused: items.filter((i) => refusedBy.has(i.orderId)).length,
    })
    .onConflictDoNothing()
    .returning();
  if (!claimed) return; // another caller recorded this attempt a moment ago
  const refused = items.filter((i) => refusedBy.has(i.orderId));
  for (const item of refused) {
    await tx.execute(
      sql`update manifest_orders set status = 'refused', message = ${refusedBy.get(item.orderId)!} where manifest_id = ${manifest.id} and order_id = ${item.id}`,
    );
  }
  const shipped = items.filter((i) => !refusedBy.has(i.orderId));
  if (shipped.length > 0) {
    await shipOrders(
      tx,
      {
        manifestId: manifest.id,
        code: manifest.code,
        warehouseId: manifest.warehouseId,
        warehouseCode: warehouse.code,
        marketplaceId: kept.manifestId,
        carrier: descriptor.displayName,
      },
      shipped,
      actor,
    );
  }
  await tx.execute(sql`update manifests set
      status = case
        when not exists (select 1 from manifest_orders where manifest_id = ${manifest.id} and status <> 'dispatched') then 'dispatched'
        when exists (select 1 from manifest_orders where manifest_id = ${manifest.id} and status = 'dispatched') then 'partial'
        else 'failed' end,
      dispatched_at = case when ${claimed.dispatched} > 0 then now() else dispatched_at end,
      marketplace_manifest_id = case when ${kept.manifestId}::text is null then marketplace_manifest_id
        else concat_ws(', ', marketplace_manifest_id, ${kept.manifestId}::text) end
    where id = ${manifest.id}`);
  await audit(tx, {
    actor,
    action: 'dispatch',
    entity: 'manifest',
    entityId: manifest.code,
    after: { attempt, marketplaceManifestId: kept.manifestId, refused: kept.refused },
  });
}

/**
 * What to send: the manifest's pending and refused POs that are still ready to ship and not live on
 * another manifest — or, for an attempt already sent, exactly its POs again.
 */
async function candidates(db: Db, manifestId: number, orderIds: number[] | null): Promise<Candidate[]> {
  const rows = await queryRows<{
    id: number;
    po_number: string;
    external_id: string;
    master_awb: string;
    invoice_number: string;
  }>(
    db,
    sql`
    select o.id, o.po_number, o.external_id, s.master_awb, i.invoice_number
    from manifest_orders mo join orders o on o.id = mo.order_id
    join invoices i on i.order_id = o.id and i.status = 'active'
    join shipments s on s.order_id = o.id and s.status = 'active'
    where mo.manifest_id = ${manifestId} and mo.status <> 'dispatched'
      and ${
        orderIds === null
          ? sql`o.status = 'ready_to_ship' and not exists (select 1 from manifest_orders x
            where x.order_id = o.id and x.manifest_id <> ${manifestId} and x.status in ('pending', 'dispatched'))`
          : sql`o.id = any(${`{${orderIds.join(',')}}`}::bigint[])`
      }
    order by o.po_number`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    poNumber: r.po_number,
    orderId: r.external_id,
    masterAwb: r.master_awb,
    invoiceNumber: r.invoice_number,
  }));
}

async function nothingToSend(db: Db, manifestId: number, code: string): Promise<string> {
  const rows = await queryRows<{ status: string; n: number }>(
    db,
    sql`select status, count(*)::int as n from manifest_orders where manifest_id = ${manifestId} group by status`,
  );
  const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  if (count('pending') + count('refused') === 0)
    return `Manifest ${code} is already dispatched: all ${count('dispatched')} POs were handed over.`;
  return (
    `Nothing on manifest ${code} can be sent now: its ${count('pending') + count('refused')} undispatched PO(s) are no longer ready to ship ` +
    '(cancelled, or moved to another manifest).'
  );
}

/**
 * POs handed over: dispatched on the manifest, shipped on their timelines, shipped quantities, and
 * their units out of on-hand stock — one ledger movement per SKU per PO. Set-based but for the ledger,
 * so a full manifest is recorded in one short transaction.
 */
async function shipOrders(
  tx: Db,
  m: {
    manifestId: number;
    code: string;
    warehouseId: number;
    warehouseCode: string;
    marketplaceId: string | null;
    carrier: string;
  },
  items: Candidate[],
  actor: string,
): Promise<void> {
  const ids = `{${items.map((i) => i.id).join(',')}}`;
  await tx.execute(
    sql`update manifest_orders set status = 'dispatched', message = null where manifest_id = ${m.manifestId} and order_id = any(${ids}::bigint[])`,
  );
  const rows = await queryRows<{ order_id: number; sku_id: number; code: string; units: number }>(
    tx,
    sql`
    select ol.order_id, ol.sku_id, s.code, sum(ol.packed_qty - ol.shipped_qty)::int as units
    from order_lines ol join skus s on s.id = ol.sku_id
    where ol.order_id = any(${ids}::bigint[]) and ol.packed_qty > ol.shipped_qty
    group by ol.order_id, ol.sku_id, s.code order by s.code, ol.order_id`,
  );
  const poOf = new Map(items.map((i) => [i.id, i.poNumber]));
  for (const r of rows) {
    await moveStock(
      tx,
      {
        warehouseId: m.warehouseId,
        skuId: Number(r.sku_id),
        kind: 'dispatch',
        quantity: r.units,
        actor,
        reason: `Dispatched to ${m.carrier} on manifest ${m.code}`,
        reference: `${poOf.get(Number(r.order_id))} / ${m.code}`,
      },
      { warehouse: m.warehouseCode, sku: r.code },
    );
  }
  await tx
    .update(orderLines)
    .set({ shippedQty: sql`${orderLines.packedQty}` })
    .where(sql`${orderLines.orderId} = any(${ids}::bigint[])`);
  const at = m.marketplaceId ? ` (${m.carrier} manifest ${m.marketplaceId})` : '';
  const awbOf = new Map(items.map((i) => [i.id, i.masterAwb]));
  await moveOrders(
    tx,
    items.map((i) => i.id),
    'shipped',
    'weft',
    (id) => `Shipped: dispatched on manifest ${m.code}${at}, AWB ${awbOf.get(id)}.`,
    actor,
  );
}

/** The marketplace's manifest PDF, kept as it came; failing to keep it never undoes the dispatch. */
async function keepMarketplaceManifest(db: Db, code: string, result: DispatchResult, actor: string): Promise<void> {
  if (!result.manifestPdf) return;
  try {
    await storeDocument(db, {
      kind: 'marketplace-manifest',
      source: 'marketplace',
      bytes: result.manifestPdf,
      reference: code,
      createdBy: actor,
    });
  } catch {
    // Not a PDF or not storable: the dispatch stands; the manifest shows no marketplace copy.
  }
}

/**
 * Weft's handover manifest of every PO dispatched on it so far; a copy made before a retry dispatched
 * more is voided as superseded, so the live copy always lists all that left.
 */
async function keepWeftManifest(deps: FulfilmentDeps, manifestId: number, actor: string): Promise<void> {
  const db = deps.database.db;
  const data = await manifestData(deps, manifestId);
  if (!data) return;
  const pdf = await renderManifest(data);
  const { document } = await storeDocument(db, {
    kind: 'manifest',
    source: 'weft',
    bytes: pdf,
    reference: data.manifestId,
    createdBy: actor,
  });
  await db
    .update(documents)
    .set({
      voidedAt: new Date(),
      voidReason: `superseded by document ${document.id}, which lists ${data.shipments.length} dispatched shipments (by ${actor})`,
    })
    .where(
      and(
        eq(documents.kind, 'manifest'),
        eq(documents.reference, data.manifestId),
        isNull(documents.voidedAt),
        ne(documents.id, document.id),
      ),
    );
}

/** What Weft's manifest shows, or null while nothing on it has been dispatched. */
export async function manifestData(
  deps: FulfilmentDeps,
  manifestId: number,
): Promise<Parameters<typeof renderManifest>[0] | null> {
  const db = deps.database.db;
  const [m] = await queryRows<{
    code: string;
    marketplace_manifest_id: string | null;
    created_at: Date | string;
    dispatched_at: Date | string | null;
    channel_name: string;
    channel_code: string;
    type: string;
    warehouse_name: string;
    address: string | null;
    city: string | null;
    pincode: string | null;
  }>(
    db,
    sql`
    select m.code, m.marketplace_manifest_id, m.created_at, m.dispatched_at, c.name as channel_name, c.code as channel_code, c.type,
      w.name as warehouse_name, w.address, w.city, w.pincode
    from manifests m join channels c on c.id = m.channel_id join warehouses w on w.id = m.warehouse_id where m.id = ${manifestId}`,
  );
  const rows = await queryRows<{
    po_number: string;
    invoice_number: string;
    master_awb: string;
    boxes: number;
    grams: number;
  }>(
    db,
    sql`
    select o.po_number, i.invoice_number, s.master_awb,
      (select count(*) from boxes b where b.order_id = o.id)::int as boxes,
      (select coalesce(sum(b.weight_grams), 0) from boxes b where b.order_id = o.id)::int as grams
    from manifest_orders mo join orders o on o.id = mo.order_id
    join invoices i on i.order_id = o.id and i.status = 'active'
    join shipments s on s.order_id = o.id and s.status = 'active'
    where mo.manifest_id = ${manifestId} and mo.status = 'dispatched' order by o.po_number`,
  );
  if (!m || rows.length === 0) return null;
  const shipments: ManifestShipment[] = rows.map((r) => ({
    poNumber: r.po_number,
    invoiceNumber: r.invoice_number,
    masterAwb: r.master_awb,
    boxCount: r.boxes,
    weightGrams: r.grams,
  }));
  return {
    manifestId: m.code,
    manifestNumber: m.marketplace_manifest_id ?? undefined,
    channel: `${m.channel_name} (${m.channel_code})`,
    warehouse: {
      name: m.warehouse_name,
      address: [m.address ?? '', `${m.city ?? ''} ${m.pincode ?? ''}`.trim()].filter(Boolean),
    },
    createdAt: new Date(m.dispatched_at ?? m.created_at),
    carrier: deps.lookup(m.type)?.displayName ?? m.type,
    shipments,
  };
}
