import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import type { BoxIdRule } from '../channel-descriptor.ts';
import { findSkuByScan } from '../catalog/skus.ts';
import { AppError, invalid } from '../errors.ts';
import { queryRows } from '../../db/rows.ts';

/**
 * Whether a scan at the pack station may be a box id for this PO. A unit's SKU code or EAN, or a PO
 * number, is never one (a packer who scans the wrong barcode would print it as the box id); a new box
 * id must fit the channel's box id format; and a box still held by another undispatched PO — packed
 * in Weft, or planned by a prefetch, as the marketplace holds it — is refused, since the marketplace refuses it at invoice
 * time (box ids are free again only after dispatch).
 */
export async function requireBoxIdFree(
  tx: Db,
  order: { id: number; poNumber: string },
  code: string,
  rule: BoxIdRule | null,
  planned: boolean,
): Promise<void> {
  if (!planned) {
    const sku = await findSkuByScan(tx, code);
    if (sku) {
      const what = sku.code === code ? 'SKU code' : 'EAN';
      throw invalid(
        `${code} is the ${what} of ${sku.code} (${sku.name}), not a box id: scan the label on the box first, then the units.`,
        'box',
      );
    }
    const [po] = await queryRows<{ po_number: string }>(
      tx,
      sql`select po_number from orders where po_number = ${code} or external_id = ${code} limit 1`,
    );
    if (po)
      throw invalid(`${code} is the number of PO ${po.po_number}, not a box id: scan the label on the box.`, 'box');
    if (rule && !rule.accepts(code))
      throw invalid(`${code} is not a box id for this channel: ${rule.expected}. Scan the box's own label.`, 'box');
  }
  // Held: boxes and planned boxes of any other PO not yet dispatched; a cancelled PO's only while
  // The marketplace has its invoice (the marketplace frees box ids at dispatch, and a PO it never invoiced holds none).
  const [held] = await queryRows<{ po_number: string; how: string }>(
    tx,
    sql`
    select o.po_number, x.how from (
        select order_id, 'packed' as how from boxes where box_code = ${code}
        union all select order_id, 'prefetched' from planned_boxes where box_code = ${code}) x
      join orders o on o.id = x.order_id
    where o.id <> ${order.id} and o.status not in ('shipped', 'delivered')
      and (o.status <> 'cancelled' or exists (select 1 from invoices i where i.order_id = o.id))
    limit 1`,
  );
  if (held) {
    throw new AppError(
      'conflict',
      `Box ${code} belongs to PO ${held.po_number}, which has not been dispatched (${held.how === 'prefetched' ? "the marketplace holds it on that PO's prefetched invoice" : 'it is packed in it'}): use another box.`,
      { field: 'box' },
    );
  }
}
