import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { text } from './schema-types.ts';
import { isGstStateCode } from '../tax/state-codes.ts';
import { gstinLayout, gstinProblem } from '../tax/gstin.ts';
import type { Db } from '../db/connect.ts';
import { warehouses } from '../db/schema.ts';
import { audit } from './audit.ts';
import { conflict, invalid, isUniqueViolation, notFound } from './errors.ts';

/** GSTIN: 2-digit state code, 10-character PAN, entity number, 'Z', check character. */
export const gstinPattern = gstinLayout;

export const warehouseFields = {
  name: text({ max: 120 }).trim().min(1, 'Give the warehouse a name.'),
  gstin: text({ max: 100 })
    .trim()
    .toUpperCase()
    .regex(gstinPattern, 'A GSTIN is 15 characters, such as 27AAACR5055K1Z7.')
    .nullable()
    .optional(),
  address: text({ max: 500 }).trim().default(''),
  city: text({ max: 100 }).trim().default(''),
  // Only codes of the GST table: invoicing looks the state up, and an unknown one would stop it later.
  stateCode: z
    .string()
    .regex(/^\d{2}$/, 'The GST state code is two digits, such as 27 for Maharashtra.')
    .refine(
      isGstStateCode,
      'That is not a GST state code: give the two digits of the state, such as 27 for Maharashtra.',
    ),
  pincode: z.string().regex(/^[1-9]\d{5}$/, 'A PIN code is six digits and does not start with 0.'),
};

export const newWarehouseSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/i, 'Use 2 to 32 letters, digits, dashes or underscores.'),
    ...warehouseFields,
  })
  .superRefine((w, ctx) => {
    // Check character and state, once the fields are each well formed: a mistyped GSTIN is refused
    // here, not by the IRP at the first invoice.
    const problem = w.gstin ? gstinProblem(w.gstin, w.stateCode) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['gstin'] });
  });
export const warehouseChangeSchema = z.object(warehouseFields).partial();

export type NewWarehouse = z.input<typeof newWarehouseSchema>;
export type Warehouse = typeof warehouses.$inferSelect;

export async function createWarehouse(db: Db, input: NewWarehouse, actor: string): Promise<Warehouse> {
  const data = newWarehouseSchema.parse(input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(warehouses)
        .values({ ...data, code: data.code.toUpperCase(), gstin: data.gstin ?? null })
        .returning();
      await audit(tx, { actor, action: 'create', entity: 'warehouse', entityId: row.code, after: row });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A warehouse with code ${data.code} already exists.`, 'code');
    throw error;
  }
}

export async function listWarehouses(db: Db): Promise<Warehouse[]> {
  return db.select().from(warehouses).orderBy(asc(warehouses.code));
}

export async function getWarehouse(db: Db, code: string): Promise<Warehouse> {
  const [row] = await db.select().from(warehouses).where(eq(warehouses.code, code.toUpperCase()));
  if (!row) throw notFound(`There is no warehouse with code ${code}.`);
  return row;
}

export async function updateWarehouse(
  db: Db,
  code: string,
  change: z.input<typeof warehouseChangeSchema>,
  actor: string,
): Promise<Warehouse> {
  const data = warehouseChangeSchema.parse(change);
  return db.transaction(async (tx) => {
    const before = await getWarehouse(tx, code);
    // A changed state or GSTIN is checked against the other as it will stand after the change.
    const gstin = data.gstin === undefined ? before.gstin : data.gstin;
    const problem = gstin ? gstinProblem(gstin, data.stateCode ?? before.stateCode) : null;
    if (problem) throw invalid(problem, 'gstin');
    const [row] = await tx
      .update(warehouses)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(warehouses.id, before.id))
      .returning();
    await audit(tx, { actor, action: 'update', entity: 'warehouse', entityId: row.code, before, after: row });
    return row;
  });
}
