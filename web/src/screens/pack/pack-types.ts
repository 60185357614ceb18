/** The pack API's answer to every call: the whole state, so the screen redraws from it. */
export interface PackLine {
  lineId: number;
  sku: string;
  ean: string | null;
  name: string;
  ordered: number;
  cancelled: number;
  packed: number;
  remaining: number;
}

export interface PackBox {
  boxCode: string;
  boxNo: number;
  status: 'open' | 'closed';
  weightGrams: number | null;
  items: { sku: string; quantity: number }[];
}

/** A box of a prefetched PO's plan: what AJIO's invoice and AWB hold for it. */
export interface PlanBox {
  boxCode: string;
  boxNo: number;
  awb: string | null;
  weightGrams: number;
  invoiceNumber: string;
  lines: { externalLineId: string; sku: string; quantity: number; packed: number }[];
  state: 'to pack' | 'open' | 'closed';
}

export interface PackDiscrepancy {
  kind: string;
  boxCode: string;
  marketplaceValue: number;
  packedValue: number;
  message: string;
}

export interface PackState {
  orderId: number;
  poNumber: string;
  status: string;
  marketplaceStatus: string | null;
  lines: PackLine[];
  boxes: PackBox[];
  openBox: string | null;
  unitsRemaining: number;
  /** A prefetched PO's plan: pack exactly this. */
  plan: PlanBox[] | null;
  /** What to do next, in a sentence. */
  cue: string;
  discrepancies: PackDiscrepancy[];
}

export interface FinishResult extends PackState {
  documents: { documents: { id: number; kind: string; reference: string }[] } | null;
  documentsPending: { message: string; retrying: boolean } | null;
}

/** What the one scan input expects next. */
export type ScanMode = 'po' | 'box' | 'unit' | 'weight' | 'done';

export function modeOf(state: PackState | null, weighing: boolean): ScanMode {
  if (!state) return 'po';
  if (!['open', 'picking'].includes(state.status)) return 'done';
  if (!state.openBox) return 'box';
  return weighing ? 'weight' : 'unit';
}

export const prompts: Record<ScanMode, string> = {
  po: 'Scan the PO number',
  box: 'Scan a box id to open the box',
  unit: 'Scan a unit (SKU code or EAN)',
  weight: 'Type the box weight in grams and press Enter',
  done: 'This PO is packed',
};
