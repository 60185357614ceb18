import type { Wire } from '../../../../src/http/responses/common.ts';
import type {
  finishedPack,
  packBox,
  packDiscrepancy,
  packLine,
  packState,
  planBox,
} from '../../../../src/http/responses/pack.ts';

/** The pack API's answer to every call (the whole state, so the screen redraws from it), as the server declares it (src/http/responses/pack.ts). */
export type PackLine = Wire<typeof packLine>;
export type PackBox = Wire<typeof packBox>;
/** A box of a prefetched PO's plan: what the marketplace's invoice and AWB hold for it. */
export type PlanBox = Wire<typeof planBox>;
export type PackDiscrepancy = Wire<typeof packDiscrepancy>;
export type PackState = Wire<typeof packState>;
export type FinishResult = Wire<typeof finishedPack>;

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
  done: 'This PO is packed: scan the next PO number',
};
