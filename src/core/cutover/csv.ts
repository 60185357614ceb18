import type { CutoverReport } from './report.ts';

/** The cut-over report's tables as CSV, one section a file, for the seller's spreadsheet. */
export const cutoverSections = ['skus', 'pos', 'would-send'] as const;
export type CutoverSection = (typeof cutoverSections)[number];

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const lines = (header: string[], rows: unknown[][]) =>
  `${[header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n')}\n`;

export function cutoverCsv(report: CutoverReport, section: CutoverSection): string {
  if (section === 'skus')
    return lines(
      [
        'channel_sku',
        'weft_sku',
        'weft_qty',
        'marketplace_qty',
        'difference',
        'verdict',
        'on_hand',
        'allocated',
        'reserved',
        'buffer',
        'reasons',
        'why',
      ],
      report.skus.map((r) => [
        r.channelSku,
        r.sku,
        r.weftQty,
        r.marketplaceQty,
        r.difference,
        r.verdict,
        r.breakdown?.onHand,
        r.breakdown?.allocated,
        r.breakdown?.reserved,
        r.breakdown?.buffer,
        r.reasons.join('; '),
        r.why,
      ]),
    );
  if (section === 'pos')
    return lines(
      ['po_number', 'external_id', 'weft_status', 'marketplace_status', 'source', 'verdict', 'blocking', 'why'],
      report.pos.items.map((r) => [
        r.poNumber,
        r.externalId,
        r.weftStatus,
        r.marketplaceStatus,
        r.source,
        r.verdict,
        r.blocking ? 'yes' : 'no',
        r.why,
      ]),
    );
  return lines(
    ['id', 'at', 'call', 'method', 'path', 'subject_kind', 'subject', 'mode', 'body'],
    report.wouldSend.entries.map((e) => [
      e.id,
      e.at.toISOString(),
      e.call,
      e.method,
      e.path,
      e.subjectKind,
      e.subject,
      e.mode,
      JSON.stringify(e.body),
    ]),
  );
}
