import { isGstStateCode, stateByCode } from './state-codes.ts';

/**
 * GSTIN checks: the 15-character layout (2-digit state code, 10-character PAN, entity number, 'Z',
 * check character) and its mod-36 check character, so a mistyped GSTIN is caught when it is entered
 * rather than by the IRP at the first invoice.
 */
export const gstinLayout = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

const CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The check character of a GSTIN's first 14 characters (GSTN's Luhn mod-36 variant). */
export function gstinCheckChar(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = CHARS.indexOf(first14[i]) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return CHARS[(36 - (sum % 36)) % 36];
}

/**
 * What is wrong with a GSTIN, in words a person can act on, or null when it is well formed, its check
 * character agrees and (when given) it belongs to the state `stateCode`.
 */
export function gstinProblem(gstin: string, stateCode?: string): string | null {
  if (!gstinLayout.test(gstin))
    return `GSTIN ${gstin} is not in the GSTIN layout: 15 characters, the 2-digit state code, the 10-character PAN, the entity number, Z and a check character, such as 27AAACR5055K1Z7.`;
  if (!isGstStateCode(gstin.slice(0, 2)))
    return `GSTIN ${gstin} starts with ${gstin.slice(0, 2)}, which is not a GST state code.`;
  const expected = gstinCheckChar(gstin.slice(0, 14));
  if (expected !== gstin[14])
    return `GSTIN ${gstin} fails its check character (the last one should be ${expected} for the first 14): check it for a typing mistake.`;
  if (stateCode && isGstStateCode(stateCode) && gstin.slice(0, 2) !== stateCode.padStart(2, '0')) {
    const own = stateByCode(gstin.slice(0, 2)).name;
    const theirs = stateByCode(stateCode).name;
    return `GSTIN ${gstin} is registered in ${own} (${gstin.slice(0, 2)}), but the warehouse is in ${theirs} (${stateCode.padStart(2, '0')}): give the GSTIN of the warehouse's state.`;
  }
  return null;
}

export const isValidGstin = (gstin: string): boolean => gstinProblem(gstin) === null;
