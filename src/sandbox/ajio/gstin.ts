// GSTINs for AJIO's entities and generated sellers, with a valid mod-36 check character,
// so a connector (or the e-invoice toolkit) that validates GSTINs accepts them.
import { gstinCheckChar, gstinLayout } from '../../tax/gstin.ts';

export { gstinCheckChar };

export function makeGstin(stateCode: string, pan: string, entity = '1'): string {
  const first14 = `${stateCode.padStart(2, '0')}${pan}${entity}Z`;
  return first14 + gstinCheckChar(first14);
}

export function isValidGstin(gstin: string): boolean {
  return gstinLayout.test(gstin) && gstinCheckChar(gstin.slice(0, 14)) === gstin[14];
}
