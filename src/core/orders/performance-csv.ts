import type { CoverageRow } from './coverage.ts';
import type { Performance, PerformanceFigures } from './performance.ts';

/**
 * The dashboard's figures as CSV for a spreadsheet: one row per PO day and a totals row; coverage one
 * row per SKU. Ratios are written as fractions with four decimals (0.9375), blank when undefined.
 * Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
const csvCell = (value: unknown) => {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const line = (cells: unknown[]) => cells.map(csvCell).join(',');
const fraction = (v: number | null) => (v === null ? null : v.toFixed(4));

const performanceColumns = [
  'day',
  'pos',
  'units',
  'shipped',
  'fill_rate',
  'due_pos',
  'on_time_pos',
  'on_time_rate',
  'seller_cancelled',
  'seller_cancellation_rate',
  'short_picked',
  'short_pick_rate',
];

const performanceCells = (day: string, f: PerformanceFigures) => [
  day,
  f.pos,
  f.units,
  f.shipped,
  fraction(f.fillRate),
  f.due,
  f.onTime,
  fraction(f.onTimeRate),
  f.sellerCancelled,
  fraction(f.sellerCancellationRate),
  f.shortPicked,
  fraction(f.shortPickRate),
];

export function performanceCsv(p: Performance): string {
  return `${[
    line(performanceColumns),
    ...p.days.map((d) => line(performanceCells(d.day, d))),
    line(performanceCells('total', p.totals)),
  ].join('\n')}\n`;
}

export function coverageCsv(rows: CoverageRow[]): string {
  const head = ['sku', 'name', 'on_hand', 'open_po_units', 'pendency_units', 'demand', 'coverage', 'short_units'];
  return `${[
    line(head),
    ...rows.map((r) =>
      line([r.sku, r.name, r.onHand, r.openPoUnits, r.pendencyUnits, r.demand, fraction(r.coverage), r.shortUnits]),
    ),
  ].join('\n')}\n`;
}
