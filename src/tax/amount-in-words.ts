import { TaxRuleError } from './errors.ts';

/**
 * Amount in words in Indian numbering (docs/gst.md a7): digits grouped 3-2-2 from the right into
 * units, thousand, lakh and crore; a crore count above 99 is read as a number of its own
 * ("One Hundred Twenty Three Crore"). House style, fixed here and tested: "Lakh"/"Crore" never take a
 * plural, no "and" inside the rupee figure, "Rupees and <paise> Paise Only", singular "Rupee"/"Paisa"
 * for exactly one. Computed from integer paise only.
 */
const ONES = [
  '',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
  'Sixteen',
  'Seventeen',
  'Eighteen',
  'Nineteen',
];
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'];

function belowHundred(n: number): string {
  if (n < 20) return ONES[n];
  const unit = n % 10;
  return unit === 0 ? TENS[Math.floor(n / 10)] : `${TENS[Math.floor(n / 10)]} ${ONES[unit]}`;
}

function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${ONES[hundreds]} Hundred`);
  if (rest > 0) parts.push(belowHundred(rest));
  return parts.join(' ');
}

/** A whole number ≥ 1 in Indian-numbering words; 0 gives "Zero". */
export function integerInIndianWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new TaxRuleError('amount', `amount must be a whole number ≥ 0, got ${n}`);
  if (n === 0) return 'Zero';
  const crore = Math.floor(n / 10_000_000);
  const lakh = Math.floor((n % 10_000_000) / 100_000);
  const thousand = Math.floor((n % 100_000) / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  // A crore count of 100 or more is itself read in Indian numbering ("One Lakh Crore" for 10^12).
  if (crore > 0) parts.push(`${integerInIndianWords(crore)} Crore`);
  if (lakh > 0) parts.push(`${belowHundred(lakh)} Lakh`);
  if (thousand > 0) parts.push(`${belowHundred(thousand)} Thousand`);
  if (rest > 0) parts.push(belowThousand(rest));
  return parts.join(' ');
}

/** e.g. 944000 → "Nine Thousand Four Hundred Forty Rupees Only". */
export function amountInWords(paise: number): string {
  if (!Number.isSafeInteger(paise) || paise < 0) {
    throw new TaxRuleError('amountPaise', `amountPaise must be a whole number of paise ≥ 0, got ${paise}`);
  }
  const rupees = Math.floor(paise / 100);
  const cents = paise % 100;
  const rupeePart = `${integerInIndianWords(rupees)} ${rupees === 1 ? 'Rupee' : 'Rupees'}`;
  if (cents === 0) return `${rupeePart} Only`;
  const paisePart = `${belowHundred(cents)} ${cents === 1 ? 'Paisa' : 'Paise'}`;
  if (rupees === 0) return `${paisePart} Only`;
  return `${rupeePart} and ${paisePart} Only`;
}
