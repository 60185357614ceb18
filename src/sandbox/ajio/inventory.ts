// POST /updateInventory: absolute quantities, at most 50 per call, per-item failures.
import { badRequest } from './errors.ts';
import type { FaultBook } from './faults.ts';
import type { Seller } from './seller.ts';
import { batchStatus } from './validate.ts';

export const MAX_INVENTORY_BATCH = 50;

interface Failed {
  productId: string;
  variantId: string;
  sku: string;
  message: string;
}

export function updateInventory(seller: Seller, now: number, raw: unknown, faults: FaultBook) {
  const list = (raw as { inventoryList?: unknown } | null)?.inventoryList;
  if (!Array.isArray(list)) throw badRequest('inventoryList is required and must be an array');
  if (list.length === 0) throw badRequest('inventoryList must not be empty');
  if (list.length > MAX_INVENTORY_BATCH)
    throw badRequest(`at most ${MAX_INVENTORY_BATCH} items per call (got ${list.length})`);
  const catalog = seller.catalog;
  const failedProductList: Failed[] = [];
  for (const entry of list as Record<string, unknown>[]) {
    const sku = String(entry?.sku ?? entry?.variantId ?? '');
    const productId = String(entry?.productId ?? '');
    const variantId = String(entry?.variantId ?? '');
    const fail = (message: string) => failedProductList.push({ productId, variantId, sku, message });
    const v = catalog.bySkuCode(sku);
    if (!v) {
      fail('SKU_NOT_FOUND');
      continue;
    }
    if ((productId && productId !== v.product.productId) || (variantId && variantId !== v.variantId)) {
      fail('PRODUCT_VARIANT_MISMATCH');
      continue;
    }
    const qty = entry.inventory;
    if (typeof qty !== 'number' || !Number.isInteger(qty) || qty < 0) {
      fail('INVALID_INVENTORY: must be a non-negative integer');
      continue;
    }
    const injected = faults.takeSkuFailure(sku);
    if (injected) {
      fail(injected);
      continue;
    }
    catalog.inventory.set(v.index, qty); // absolute, not a delta
    seller.received.recordInventory({
      sku,
      productId: v.product.productId,
      variantId: v.variantId,
      inventory: qty,
      receivedAt: now,
    });
  }
  const status = batchStatus(list.length, failedProductList.length);
  seller.received.recordBatch({
    receivedAt: now,
    count: list.length,
    status,
    failed: failedProductList.map((f) => f.sku),
  });
  return { status, failedProductList };
}
