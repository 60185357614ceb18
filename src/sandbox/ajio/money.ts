// Money is integer paise inside the sandbox and rupees (<= 2 decimals) on the wire.
export const rupees = (paise: number): number => Math.round(paise) / 100;

export function toPaise(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  return Math.round(value * 100);
}

/** GST on apparel and footwear: 5% when the per-piece value is at most ₹2,500, else 18%. */
export const GST_THRESHOLD_PAISE = 250_000;

export function gstRateFor(unitBasePaise: number): number {
  return unitBasePaise <= GST_THRESHOLD_PAISE ? 5 : 18;
}

export interface TaxSplit {
  gstRate: number;
  cgst: number; // paise
  sgst: number;
  igst: number;
  cess: number;
}

/** Tax on a line total. Intra-state supply splits CGST/SGST; inter-state is IGST. */
export function taxFor(taxablePaise: number, gstRate: number, interState: boolean): TaxSplit {
  const tax = Math.round((taxablePaise * gstRate) / 100);
  if (interState) return { gstRate, cgst: 0, sgst: 0, igst: tax, cess: 0 };
  const cgst = Math.floor(tax / 2);
  return { gstRate, cgst, sgst: tax - cgst, igst: 0, cess: 0 };
}

export const totalTax = (t: TaxSplit): number => t.cgst + t.sgst + t.igst + t.cess;
