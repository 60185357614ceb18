import type { Database } from '../../db/connect.ts';

/**
 * Coverage: will a channel's open demand be picked in full? Per SKU with open demand:
 *
 * - on hand: Σ inventory_levels.on_hand over the channel's source warehouses (its stock source);
 * - open PO units: Σ (quantity − cancelled − short picked − shipped) of the channel's PO lines still
 *   to ship (on hold, open, picking, packed, ready to ship);
 * - pendency units: Σ quantity of the channel's open back-order lines — customer orders the marketplace has not
 *   yet raised a PO for, so a shortfall here is a short pick predicted before the PO arrives;
 * - demand = open PO units + pendency units; coverage = on hand ÷ demand;
 * - short units = max(0, demand − on hand); a short pick is predicted when coverage < 100%.
 *
 * Stock other channels hold on the same warehouses is not subtracted: with one marketplace channel
 * per warehouse (the usual set-up) on hand is what this channel can pick. Shortest coverage first.
 */
export interface CoverageRow {
  sku: string;
  name: string;
  onHand: number;
  openPoUnits: number;
  pendencyUnits: number;
  demand: number;
  coverage: number;
  shortUnits: number;
  predictedShort: boolean;
}

export async function channelCoverage(
  database: Database,
  channelId: number,
  warehouseIds: number[],
): Promise<CoverageRow[]> {
  const { rows } = await database.query<{
    sku: string;
    name: string;
    on_hand: number;
    open_po: number;
    pendency: number;
  }>(
    `with po as (
       select l.sku_id, sum(l.quantity - l.cancelled_qty - l.short_picked_qty - l.shipped_qty)::int as units
       from order_lines l join orders o on o.id = l.order_id
       where o.channel_id = $1 and l.sku_id is not null
         and o.status in ('on_hold', 'open', 'picking', 'packed', 'ready_to_ship')
       group by l.sku_id
     ), pendency as (
       select sku_id, sum(quantity)::int as units from backorder_lines
       where channel_id = $1 and status = 'open' and sku_id is not null group by sku_id
     ), demand as (
       select coalesce(po.sku_id, pendency.sku_id) as sku_id, coalesce(po.units, 0) as open_po,
         coalesce(pendency.units, 0) as pendency
       from po full join pendency on pendency.sku_id = po.sku_id
     )
     select s.code as sku, s.name, d.open_po, d.pendency,
       coalesce((select sum(i.on_hand) from inventory_levels i
                 where i.sku_id = d.sku_id and i.warehouse_id = any($2::int[])), 0)::int as on_hand
     from demand d join skus s on s.id = d.sku_id
     where d.open_po + d.pendency > 0`,
    [channelId, warehouseIds],
  );
  return rows
    .map((r) => {
      const onHand = Number(r.on_hand);
      const openPoUnits = Number(r.open_po);
      const pendencyUnits = Number(r.pendency);
      const demand = openPoUnits + pendencyUnits;
      return {
        sku: r.sku,
        name: r.name,
        onHand,
        openPoUnits,
        pendencyUnits,
        demand,
        coverage: onHand / demand,
        shortUnits: Math.max(0, demand - onHand),
        predictedShort: onHand < demand,
      };
    })
    .sort((a, b) => a.coverage - b.coverage || a.sku.localeCompare(b.sku));
}
