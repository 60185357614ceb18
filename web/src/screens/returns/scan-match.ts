import { unitsLeft, type QcResult, type ReturnDetail, type ReturnLine } from './return-types.ts';

/**
 * What a scan at the return inbound station means, decided in the browser so a wrong unit is refused
 * the moment it is scanned (before anyone judges its condition). The API checks the same again when
 * the QC result is sent, so this is for speed, not for trust.
 */
export type UnitMatch =
  | { kind: 'unit'; line: ReturnLine; sku: string }
  | { kind: 'refused'; title: string; message: string };

/** Codes are compared exactly, as the API compares them. */
export function matchUnit(ret: ReturnDetail, code: string): UnitMatch {
  const matching = ret.lines.filter((l) => l.sku === code || l.ean === code || l.channelSku === code);
  if (matching.length === 0) {
    const on = ret.lines.map((l) => l.sku ?? l.channelSku).join(', ');
    return {
      kind: 'refused',
      title: 'Not on this return',
      message: `${code} is not on return ${ret.externalId} (it has ${on}). Keep the unit aside and check it against the paperwork.`,
    };
  }
  const mapped = matching.filter((l) => l.sku !== null);
  if (mapped.length === 0) {
    return {
      kind: 'refused',
      title: 'Not mapped',
      message: `AJIO SKU ${code} is not mapped to a Weft SKU yet: map the listing, then scan the unit again.`,
    };
  }
  const line = mapped.find((l) => unitsLeft(l) > 0);
  const sku = mapped[0].sku!;
  if (!line) {
    const returned = mapped.reduce((a, l) => a + l.quantity, 0);
    return {
      kind: 'refused',
      title: 'More than returned',
      message: `All ${returned} unit${returned === 1 ? '' : 's'} of ${sku} on this return are received already: this one is extra. Keep it aside.`,
    };
  }
  return { kind: 'unit', line, sku };
}

/** "G", "GOOD", "B" or "BAD" (typed, or scanned from the QC card) is a QC result, not a unit. */
export function qcResultOf(scan: string): QcResult | null {
  const word = scan.trim().toUpperCase();
  if (word === 'G' || word === 'GOOD') return 'good';
  if (word === 'B' || word === 'BAD') return 'bad';
  return null;
}

const sameText = (a: string | null, b: string) => a !== null && a.toUpperCase() === b.toUpperCase();

/** The parcel's AWB or the return number (in any case, as typed by hand) opens it for receiving. */
export const isThisReturn = (ret: ReturnDetail, scan: string) =>
  sameText(ret.externalId, scan) || sameText(ret.awb, scan);
