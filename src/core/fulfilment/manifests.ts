import { eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/connect.ts';
import { channels, manifests, warehouses, type ManifestStatus } from '../../db/schema.ts';
import { audit } from '../audit.ts';
import { listDocuments, type DocumentInfo } from '../documents/store.ts';
import { AppError, conflict, invalid, isUniqueViolation, notFound } from '../errors.ts';
import { moveOrders } from '../orders/lifecycle.ts';
import type { ChannelDescriptor } from '../channel-descriptor.ts';
import { requireOrderSync, type FulfilmentDeps } from './deps.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * Manifests: the ready shipments of one channel and warehouse, gathered for handover. A manifest holds
 * at most the channel's manifest cap (such as 250 POs per dispatch call), so more ready orders make
 * several. With "ready to ship at manifest" the orders become ready to ship here. An order is live
 * (pending or dispatched) on one manifest at most; one the marketplace refused may be retried on its
 * manifest or put on a new one.
 */
export const manifestStatuses = ['draft', 'dispatched', 'partial', 'failed'] as const;

export interface ManifestSummary {
  code: string;
  channel: string;
  warehouse: string;
  status: ManifestStatus;
  /** The marketplace's manifest ids, one per dispatch attempt it answered with one. */
  marketplaceManifestId: string | null;
  orders: number;
  pending: number;
  dispatched: number;
  refused: number;
  createdBy: string;
  createdAt: Date;
  dispatchedAt: Date | null;
}

export interface ManifestOrder {
  orderId: number;
  poNumber: string;
  /** On this manifest: pending, dispatched or refused (with the marketplace's message). */
  status: 'pending' | 'dispatched' | 'refused';
  message: string | null;
  orderStatus: string;
  invoiceNumber: string | null;
  masterAwb: string | null;
  boxes: number;
  weightGrams: number;
}

export interface ManifestDetail extends ManifestSummary {
  orders: number;
  items: ManifestOrder[];
  attempts: {
    attempt: number;
    marketplaceManifestId: string | null;
    dispatched: number;
    refused: number;
    actor: string;
    createdAt: Date;
  }[];
  /** Weft's manifest and the marketplace's, newest first (void ones included, marked). */
  documents: DocumentInfo[];
}

type ChannelRow = typeof channels.$inferSelect;

const summarySql = `select m.id, m.code, c.code as channel, w.code as warehouse, m.status, m.marketplace_manifest_id,
    m.created_by, m.created_at, m.dispatched_at,
    (select count(*) from manifest_orders mo where mo.manifest_id = m.id)::int as orders,
    (select count(*) from manifest_orders mo where mo.manifest_id = m.id and mo.status = 'pending')::int as pending,
    (select count(*) from manifest_orders mo where mo.manifest_id = m.id and mo.status = 'dispatched')::int as dispatched,
    (select count(*) from manifest_orders mo where mo.manifest_id = m.id and mo.status = 'refused')::int as refused
  from manifests m join channels c on c.id = m.channel_id join warehouses w on w.id = m.warehouse_id`;

type SummaryRow = {
  id: number;
  code: string;
  channel: string;
  warehouse: string;
  status: ManifestStatus;
  marketplace_manifest_id: string | null;
  created_by: string;
  created_at: Date | string;
  dispatched_at: Date | string | null;
  orders: number;
  pending: number;
  dispatched: number;
  refused: number;
};

const summaryOf = (r: SummaryRow): ManifestSummary => ({
  code: r.code,
  channel: r.channel,
  warehouse: r.warehouse,
  status: r.status,
  marketplaceManifestId: r.marketplace_manifest_id,
  orders: r.orders,
  pending: r.pending,
  dispatched: r.dispatched,
  refused: r.refused,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  dispatchedAt: r.dispatched_at ? new Date(r.dispatched_at) : null,
});

export async function createManifests(
  deps: FulfilmentDeps,
  input: { channel: string; warehouse: string },
  actor: string,
): Promise<ManifestDetail[]> {
  const db = deps.database.db;
  const [channel] = await db.select().from(channels).where(eq(channels.code, input.channel.trim().toUpperCase()));
  if (!channel)
    throw invalid(`There is no channel ${input.channel}: choose one of the channels Weft knows.`, 'channel');
  const [warehouse] = await db
    .select()
    .from(warehouses)
    .where(eq(warehouses.code, input.warehouse.trim().toUpperCase()));
  if (!warehouse)
    throw invalid(`There is no warehouse ${input.warehouse}: choose one of the warehouses Weft knows.`, 'warehouse');
  const descriptor = deps.lookup(channel.type);
  if (!descriptor) throw new AppError('conflict', `Channel type ${channel.type} is not known to this Weft.`);
  requireOrderSync(channel, descriptor);
  const cap = descriptor.capabilities.manifestCap;
  if (!Number.isInteger(cap) || cap < 1)
    throw invalid(`${descriptor.displayName} declares no manifest size; manifests cannot be made for it.`);

  let codes: string[];
  try {
    codes = await db.transaction(async (tx) => {
      const ready = await readyOrders(tx, channel, warehouse.id);
      if (ready.length === 0) throw conflict(nothingReady(channel, descriptor, warehouse.code));
      const made: string[] = [];
      for (let start = 0; start < ready.length; start += cap) {
        made.push(await insertManifest(tx, channel, warehouse.id, ready.slice(start, start + cap), actor));
      }
      return made;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(
        `Another manifest took some of these orders at the same moment; create the manifest for ${channel.code} at ${warehouse.code} again.`,
      );
    }
    throw error;
  }
  return Promise.all(codes.map((code) => getManifest(deps.database, code)));
}

/**
 * Orders with packed units (a finished pack: no box open), an active invoice and shipment, that are
 * ready to ship, or packed and waiting for the
 * manifest to make them ready ("ready to ship at manifest"; also after that setting was switched to
 * "at pack", so none stays packed for ever), and not live on a manifest. Locked until the manifest
 * rows exist; the partial unique index settles two concurrent manifests.
 */
const readyJoins = `join invoices i on i.order_id = o.id and i.status = 'active'
    join shipments s on s.order_id = o.id and s.status = 'active'`;
const readyWhere = `o.status in ('ready_to_ship', 'packed')
      and exists (select 1 from order_lines pl where pl.order_id = o.id and pl.packed_qty > pl.shipped_qty)
      and not exists (select 1 from boxes ob where ob.order_id = o.id and ob.status = 'open')
      and not exists (select 1 from manifest_orders mo where mo.order_id = o.id and mo.status in ('pending', 'dispatched'))`;

async function readyOrders(
  tx: Db,
  channel: ChannelRow,
  warehouseId: number,
): Promise<{ id: number; status: string; poNumber: string }[]> {
  const rows = await queryRows<{ id: number; status: string; po_number: string }>(
    tx,
    sql`
    select o.id, o.status, o.po_number from orders o
    ${sql.raw(readyJoins)}
    where o.channel_id = ${channel.id} and o.warehouse_id = ${warehouseId} and ${sql.raw(readyWhere)}
    order by o.po_date nulls last, o.id
    for update of o`,
  );
  return rows.map((r) => ({ id: Number(r.id), status: r.status, poNumber: r.po_number }));
}

function nothingReady(channel: ChannelRow, descriptor: ChannelDescriptor, warehouseCode: string): string {
  const at = descriptor.policy(channel.settings).readyToShipAt;
  return (
    `Nothing is ready to ship for ${channel.code} at ${warehouseCode}: no order with an invoice and AWBs is waiting for a manifest ` +
    `(orders become ready once packed, invoiced and labelled; this channel marks them ready to ship at ${at}).`
  );
}

async function insertManifest(
  tx: Db,
  channel: ChannelRow,
  warehouseId: number,
  chunk: { id: number; status: string; poNumber: string }[],
  actor: string,
): Promise<string> {
  await requirePackedUnits(tx, chunk);
  const [{ id }] = await queryRows<{ id: number }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('manifests', 'id'))::int as id`,
  );
  const code = `MF${String(id).padStart(6, '0')}`;
  await tx.insert(manifests).values({ id, code, channelId: channel.id, warehouseId, createdBy: actor });
  const ids = chunk.map((o) => o.id);
  await tx.execute(
    sql`insert into manifest_orders (manifest_id, order_id) select ${id}, unnest(${`{${ids.join(',')}}`}::bigint[])`,
  );
  // A refusal elsewhere stays on record there, and says where the order went.
  await tx.execute(sql`update manifest_orders set message = coalesce(message || ' ', '') || ${`Moved to manifest ${code}.`}
    where status = 'refused' and manifest_id <> ${id} and order_id = any(${`{${ids.join(',')}}`}::bigint[])`);
  const packed = chunk.filter((o) => o.status === 'packed').map((o) => o.id);
  if (packed.length > 0) {
    await moveOrders(tx, packed, 'ready_to_ship', 'warehouse', `Ready to ship: on manifest ${code}.`, actor);
  }
  await audit(tx, {
    actor,
    action: 'create',
    entity: 'manifest',
    entityId: code,
    after: { channel: channel.code, orders: chunk.map((o) => o.poNumber) },
  });
  return code;
}

/**
 * No PO goes on a manifest without packed units, whatever put it in the list: a PO the marketplace shows ready
 * to dispatch after a prefetch is not packed until the warehouse packs it.
 */
async function requirePackedUnits(tx: Db, chunk: { id: number; poNumber: string }[]): Promise<void> {
  const rows = await queryRows<{ po_number: string }>(
    tx,
    sql`select o.po_number from orders o where o.id = any(${`{${chunk.map((o) => o.id).join(',')}}`}::bigint[])
    and not exists (select 1 from order_lines l where l.order_id = o.id and l.packed_qty > l.shipped_qty)`,
  );
  if (rows.length) {
    throw conflict(
      `PO ${rows.map((r) => r.po_number).join(', ')} has no packed units, so it cannot go on a manifest: pack it at the pack station first.`,
    );
  }
}

export interface ReadyShipment {
  orderId: number;
  poNumber: string;
  channel: string;
  warehouse: string;
  orderStatus: string;
  poDate: Date | null;
  invoiceNumber: string;
  masterAwb: string;
  boxes: number;
  weightGrams: number;
  /** The marketplace's message when it refused this PO on an earlier manifest. */
  refusedBefore: string | null;
}

/**
 * The shipments a new manifest would take (see readyOrders), by channel and warehouse, a page at a time
 * (`after`: the last order id seen), with how many there are in all, so an operator sees what goes.
 */
export async function listReadyShipments(
  database: Database,
  query: { channel?: string; warehouse?: string; after?: number; limit?: number },
): Promise<{ items: ReadyShipment[]; next: string | null; total: number }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const filter = `${readyWhere}
      and ($1::text is null or c.code = upper($1)) and ($2::text is null or w.code = upper($2))`;
  const from = `from orders o join channels c on c.id = o.channel_id join warehouses w on w.id = o.warehouse_id ${readyJoins}`;
  const params = [query.channel?.trim() || null, query.warehouse?.trim() || null];
  const { rows } = await database.query<{
    id: number;
    po_number: string;
    channel: string;
    warehouse: string;
    status: string;
    po_date: Date | string | null;
    invoice_number: string;
    master_awb: string;
    boxes: number;
    grams: number;
    refused: string | null;
  }>(
    `select o.id, o.po_number, c.code as channel, w.code as warehouse, o.status, o.po_date, i.invoice_number, s.master_awb,
        (select count(*) from boxes b where b.order_id = o.id)::int as boxes,
        (select coalesce(sum(b.weight_grams), 0) from boxes b where b.order_id = o.id)::int as grams,
        (select mo.message from manifest_orders mo where mo.order_id = o.id and mo.status = 'refused' order by mo.manifest_id desc limit 1) as refused
      ${from} where ${filter} and ($3::bigint is null or o.id > $3) order by o.id limit $4`,
    [...params, query.after ?? null, limit],
  );
  const {
    rows: [{ n }],
  } = await database.query<{ n: number }>(`select count(*)::int as n ${from} where ${filter}`, params);
  const items = rows.map(
    (r): ReadyShipment => ({
      orderId: Number(r.id),
      poNumber: r.po_number,
      channel: r.channel,
      warehouse: r.warehouse,
      orderStatus: r.status,
      poDate: r.po_date ? new Date(r.po_date) : null,
      invoiceNumber: r.invoice_number,
      masterAwb: r.master_awb,
      boxes: r.boxes,
      weightGrams: r.grams,
      refusedBefore: r.refused,
    }),
  );
  return { items, next: items.length === limit ? String(items[items.length - 1].orderId) : null, total: Number(n) };
}

export async function listManifests(
  database: Database,
  query: { channel?: string; status?: string; before?: string; limit?: number },
): Promise<{ items: ManifestSummary[]; next: string | null }> {
  if (query.status && !(manifestStatuses as readonly string[]).includes(query.status)) {
    throw invalid(`A manifest's status is one of ${manifestStatuses.join(', ')}.`, 'status');
  }
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const { rows } = await database.query<SummaryRow>(
    `${summarySql}
    where ($1::text is null or c.code = upper($1)) and ($2::text is null or m.status = $2) and ($3::text is null or m.code < $3)
    order by m.code desc limit $4`,
    [query.channel ?? null, query.status ?? null, query.before ?? null, limit],
  );
  const items = rows.map(summaryOf);
  return { items, next: items.length === limit ? items[items.length - 1].code : null };
}

export async function getManifest(database: Database, code: string): Promise<ManifestDetail> {
  const {
    rows: [row],
  } = await database.query<SummaryRow>(`${summarySql} where m.code = $1`, [code.trim().toUpperCase()]);
  if (!row) throw notFound(`There is no manifest ${code}.`);
  const id = Number(row.id);
  const { rows } = await database.query<{
    order_id: number;
    po_number: string;
    status: ManifestOrder['status'];
    message: string | null;
    order_status: string;
    invoice_number: string | null;
    master_awb: string | null;
    boxes: number;
    grams: number;
  }>(
    `select mo.order_id, o.po_number, mo.status, mo.message, o.status as order_status, i.invoice_number, s.master_awb,
        (select count(*) from boxes b where b.order_id = o.id)::int as boxes,
        (select coalesce(sum(b.weight_grams), 0) from boxes b where b.order_id = o.id)::int as grams
      from manifest_orders mo join orders o on o.id = mo.order_id
      left join invoices i on i.order_id = o.id and i.status = 'active'
      left join shipments s on s.order_id = o.id and s.status = 'active'
      where mo.manifest_id = $1 order by o.po_number`,
    [id],
  );
  const attempts = await database.query<{
    attempt: number;
    marketplace_manifest_id: string | null;
    dispatched: number;
    refused: number;
    actor: string;
    created_at: Date | string;
  }>(
    'select attempt, marketplace_manifest_id, dispatched, refused, actor, created_at from manifest_dispatches where manifest_id = $1 order by attempt',
    [id],
  );
  return {
    ...summaryOf(row),
    items: rows.map((r) => ({
      orderId: Number(r.order_id),
      poNumber: r.po_number,
      status: r.status,
      message: r.message,
      orderStatus: r.order_status,
      invoiceNumber: r.invoice_number,
      masterAwb: r.master_awb,
      boxes: r.boxes,
      weightGrams: r.grams,
    })),
    attempts: attempts.rows.map((a) => ({
      attempt: a.attempt,
      marketplaceManifestId: a.marketplace_manifest_id,
      dispatched: a.dispatched,
      refused: a.refused,
      actor: a.actor,
      createdAt: new Date(a.created_at),
    })),
    documents: await listDocuments(database.db, { reference: row.code, includeVoided: true }),
  };
}

/** The manifest row with its channel and warehouse, for dispatch. */
export async function loadManifest(db: Db, code: string) {
  const [row] = await db
    .select({ manifest: manifests, channel: channels, warehouse: warehouses })
    .from(manifests)
    .innerJoin(channels, eq(channels.id, manifests.channelId))
    .innerJoin(warehouses, eq(warehouses.id, manifests.warehouseId))
    .where(eq(manifests.code, code.trim().toUpperCase()));
  if (!row) throw notFound(`There is no manifest ${code}.`);
  return row;
}
