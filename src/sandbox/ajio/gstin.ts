// GSTINs for AJIO's entities and generated sellers, with a valid mod-36 check character,
// so a connector (or the e-invoice toolkit) that validates GSTINs accepts them.
const CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function gstinCheckChar(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = CHARS.indexOf(first14[i]) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return CHARS[(36 - (sum % 36)) % 36];
}

export function makeGstin(stateCode: string, pan: string, entity = '1'): string {
  const first14 = `${stateCode.padStart(2, '0')}${pan}${entity}Z`;
  return first14 + gstinCheckChar(first14);
}

export function isValidGstin(gstin: string): boolean {
  return (
    /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/.test(gstin) && gstinCheckChar(gstin.slice(0, 14)) === gstin[14]
  );
}
