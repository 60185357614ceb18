import type { Db } from '../../src/db/connect.ts';
import { channels, orderLines, orders } from '../../src/db/schema.ts';
import { createWarehouse } from '../../src/core/warehouses.ts';
import { createSku } from '../../src/core/catalog/skus.ts';

/**
 * A warehouse, a channel row and a small SKU master, with open orders inserted directly — the shape
 * the order pull leaves them in — so fulfilment tests do not depend on the marketplace.
 */
export async function seedFulfilment(db: Db) {
  const warehouse = await createWarehouse(
    db,
    { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302', gstin: '27AAACR5055K1Z7' },
    'test',
  );
  const [channel] = await db
    .insert(channels)
    .values({ code: 'AJIO0001', type: 'ajio-jit', name: 'AJIO JIT', warehouseId: warehouse.id })
    .returning();
  const sizes = ['L', 'S', 'M'];
  for (const size of sizes) {
    await createSku(
      db,
      {
        code: `TEE-${size}`,
        ean: `89000000000${sizes.indexOf(size)}1`,
        name: `Tee ${size}`,
        style: 'TEE',
        colour: 'Navy',
        size,
        mrpPaise: 99900,
      },
      'test',
    );
  }
  await createSku(db, { code: 'CAP-1', name: 'Cap', style: 'CAP', size: 'FREE', mrpPaise: 49900 }, 'test');
  return { warehouse, channel };
}

export async function insertOrder(
  db: Db,
  ids: { channelId: number; warehouseId: number },
  poNumber: string,
  lines: { sku: string; quantity: number; skuId: number }[],
  poDate = new Date(),
) {
  const [order] = await db
    .insert(orders)
    .values({
      channelId: ids.channelId,
      warehouseId: ids.warehouseId,
      externalId: `OID-${poNumber}`,
      poNumber,
      poDate,
      status: 'open',
      marketplaceStatus: 'CONFIRMED',
    })
    .returning();
  await db.insert(orderLines).values(
    lines.map((l, i) => ({
      orderId: order.id,
      externalLineId: `${poNumber}-${i + 1}`,
      channelSku: `AJ-${l.sku}`,
      skuId: l.skuId,
      quantity: l.quantity,
    })),
  );
  return order;
}
