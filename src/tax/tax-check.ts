import { TaxRuleError } from './errors.ts';

/**
 * Compares the tax a channel printed on its PO (the marketplace's per-line `tax_summary`, docs/ajio-contract.md §5)
 * with Weft's own computation, so a PO whose tax disagrees is flagged before invoicing (the
 * "Fulfilment and documents" issue). The core never sees a marketplace's field names (docs/architecture.md §1): the channel
 * layer maps `tax_summary` into `ChannelLineTax`, in paise.
 */
export interface ChannelLineTax {
  readonly lineRef: string;
  /** Rate as the channel states it; omit when the channel gives none. */
  readonly ratePercent?: number;
  readonly cgstPaise: number;
  readonly sgstPaise: number;
  readonly igstPaise: number;
  readonly cessPaise?: number;
}

export interface WeftLineTax {
  readonly lineRef: string;
  readonly ratePercent: number;
  readonly cgstPaise: number;
  readonly sgstPaise: number;
  readonly igstPaise: number;
  /** Why Weft charges this rate (GstRateResult.explanation), carried into the flag. */
  readonly rateExplanation?: string;
}

export type TaxCheckField = 'line' | 'rate' | 'regime' | 'cgst' | 'sgst' | 'igst' | 'cess';

export interface TaxDisagreement {
  readonly lineRef: string;
  readonly field: TaxCheckField;
  /** The channel's figure (paise, or percent for `rate`); null when the channel has no such line. */
  readonly channel: number | null;
  /** Weft's figure; null when Weft has no such line. */
  readonly weft: number | null;
  readonly message: string;
}

export interface TaxCheckResult {
  readonly agrees: boolean;
  readonly disagreements: readonly TaxDisagreement[];
}

export interface TaxCheckOptions {
  /**
   * Paise of difference tolerated per tax amount. Default 1: the channel may round per unit or per
   * line differently from d4's per-line half-up rounding, and a one-paisa gap is not a tax dispute.
   */
  readonly tolerancePaise?: number;
}

function rupees(paise: number): string {
  return `₹${(paise / 100).toFixed(2)}`;
}

function indexByRef<T extends { lineRef: string }>(lines: readonly T[], side: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const line of lines) {
    if (map.has(line.lineRef))
      throw new TaxRuleError('lineRef', `${side} line "${line.lineRef}" appears twice; line references must be unique`);
    map.set(line.lineRef, line);
  }
  return map;
}

function compareLine(channel: ChannelLineTax, weft: WeftLineTax, tolerance: number): TaxDisagreement[] {
  const out: TaxDisagreement[] = [];
  const ref = weft.lineRef;
  const why = weft.rateExplanation ? ` (${weft.rateExplanation})` : '';
  if (channel.ratePercent !== undefined && Math.abs(channel.ratePercent - weft.ratePercent) > 1e-9) {
    out.push({
      lineRef: ref,
      field: 'rate',
      channel: channel.ratePercent,
      weft: weft.ratePercent,
      message: `line ${ref}: channel rate ${channel.ratePercent}% but Weft charges ${weft.ratePercent}%${why}`,
    });
  }
  const channelInter = channel.igstPaise > 0;
  const channelIntra = channel.cgstPaise > 0 || channel.sgstPaise > 0;
  const weftInter = weft.igstPaise > 0;
  const weftIntra = weft.cgstPaise > 0 || weft.sgstPaise > 0;
  if ((channelInter && weftIntra) || (channelIntra && weftInter)) {
    out.push({
      lineRef: ref,
      field: 'regime',
      channel: channel.cgstPaise + channel.sgstPaise + channel.igstPaise,
      weft: weft.cgstPaise + weft.sgstPaise + weft.igstPaise,
      message:
        `line ${ref}: channel charges ${channelInter ? 'IGST' : 'CGST+SGST'} but Weft charges ` +
        `${weftInter ? 'IGST' : 'CGST+SGST'}; check the place of supply (docs/gst.md a5)`,
    });
  }
  const amounts: Array<[TaxCheckField, number, number]> = [
    ['cgst', channel.cgstPaise, weft.cgstPaise],
    ['sgst', channel.sgstPaise, weft.sgstPaise],
    ['igst', channel.igstPaise, weft.igstPaise],
    // Apparel and footwear carry no cess (d4), so any channel cess is a disagreement.
    ['cess', channel.cessPaise ?? 0, 0],
  ];
  for (const [field, theirs, ours] of amounts) {
    if (Math.abs(theirs - ours) > tolerance) {
      out.push({
        lineRef: ref,
        field,
        channel: theirs,
        weft: ours,
        message: `line ${ref}: channel ${field.toUpperCase()} ${rupees(theirs)} but Weft computes ${rupees(ours)}`,
      });
    }
  }
  return out;
}

export function checkChannelTax(
  channelLines: readonly ChannelLineTax[],
  weftLines: readonly WeftLineTax[],
  options: TaxCheckOptions = {},
): TaxCheckResult {
  const tolerance = options.tolerancePaise ?? 1;
  if (!Number.isSafeInteger(tolerance) || tolerance < 0) {
    throw new TaxRuleError('tolerancePaise', `tolerancePaise must be a whole number ≥ 0, got ${tolerance}`);
  }
  const channel = indexByRef(channelLines, 'channel');
  const weft = indexByRef(weftLines, 'Weft');
  const disagreements: TaxDisagreement[] = [];
  for (const ours of weftLines) {
    const theirs = channel.get(ours.lineRef);
    if (!theirs) {
      disagreements.push({
        lineRef: ours.lineRef,
        field: 'line',
        channel: null,
        weft: ours.cgstPaise + ours.sgstPaise + ours.igstPaise,
        message: `line ${ours.lineRef}: the channel gives no tax for this line`,
      });
      continue;
    }
    disagreements.push(...compareLine(theirs, ours, tolerance));
  }
  for (const theirs of channelLines) {
    if (!weft.has(theirs.lineRef)) {
      disagreements.push({
        lineRef: theirs.lineRef,
        field: 'line',
        channel: theirs.cgstPaise + theirs.sgstPaise + theirs.igstPaise,
        weft: null,
        message: `line ${theirs.lineRef}: the channel taxes a line Weft is not invoicing`,
      });
    }
  }
  return { agrees: disagreements.length === 0, disagreements };
}
