/** Answers of /api/skus and /api/warehouses. */
import { z } from 'zod';
import { timestamp } from './common.ts';

const int = z.number().int();

export const sku = z.object({
  id: int,
  code: z.string(),
  ean: z.string().nullable(),
  name: z.string(),
  brand: z.string(),
  style: z.string(),
  size: z.string(),
  colour: z.string(),
  hsn: z.string(),
  mrpPaise: int,
  active: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const skuPage = z.object({ items: z.array(sku), next: z.string().nullable() });

export const skuImportResult = z.object({
  rows: int,
  inserted: int,
  updated: int,
  failed: int,
  /** The first 1,000 errors; `failed` counts them all. */
  errors: z.array(z.object({ line: int, code: z.string().optional(), message: z.string() })),
});

export const warehouse = z.object({
  id: int,
  code: z.string(),
  name: z.string(),
  gstin: z.string().nullable(),
  address: z.string(),
  city: z.string(),
  stateCode: z.string(),
  pincode: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const warehouseList = z.object({ items: z.array(warehouse) });
