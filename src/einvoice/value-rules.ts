/**
 * The value-consistency rules the IRP applies to an INV-01 payload (docs/gst.md d4), checked on
 * the JSON itself so the same code guards Weft's builder and judges requests in the IRP sandbox.
 * Amounts are compared in integer paise. `code` is NIC's error code where the brief gives one (c9);
 * rules whose NIC code the brief does not give use a descriptive `X-…` code.
 */
export interface ValueProblem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

type Json = Record<string, unknown>;

/** Paise tolerated per tax amount: d4 fixes the rounding only as "half-up to paise" per figure. */
const TAX_TOLERANCE_PAISE = 1;
/** `TotInvVal` tolerance of ±₹1 (d4, error 2189). */
const INVOICE_TOLERANCE_PAISE = 100;

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function paise(value: unknown): number {
  return Math.round(num(value) * 100);
}

function hasAtMostDecimals(value: unknown, decimals: number): boolean {
  if (typeof value !== 'number') return true;
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

const LINE_AMOUNTS = [
  'TotAmt',
  'Discount',
  'PreTaxVal',
  'AssAmt',
  'IgstAmt',
  'CgstAmt',
  'SgstAmt',
  'CesAmt',
  'CesNonAdvlAmt',
  'StateCesAmt',
  'StateCesNonAdvlAmt',
  'OthChrg',
  'TotItemVal',
];
const TOTAL_AMOUNTS = [
  'AssVal',
  'CgstVal',
  'SgstVal',
  'IgstVal',
  'CesVal',
  'StCesVal',
  'Discount',
  'OthChrg',
  'RndOffAmt',
  'TotInvVal',
];

function rupees(p: number): string {
  return (p / 100).toFixed(2);
}

export function checkValueRules(payload: unknown): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const add = (code: string, path: string, message: string) => problems.push({ code, path, message });
  const doc = (payload ?? {}) as Json;
  const seller = (doc.SellerDtls ?? {}) as Json;
  const buyer = (doc.BuyerDtls ?? {}) as Json;
  const tran = (doc.TranDtls ?? {}) as Json;
  const docType = ((doc.DocDtls ?? {}) as Json).Typ;
  const items = Array.isArray(doc.ItemList) ? (doc.ItemList as Json[]) : [];
  const val = (doc.ValDtls ?? {}) as Json;

  // a5: the first two GSTIN digits must equal the state code passed.
  for (const [name, party] of [
    ['SellerDtls', seller],
    ['BuyerDtls', buyer],
  ] as const) {
    const gstin = party.Gstin;
    if (
      typeof gstin === 'string' &&
      gstin !== 'URP' &&
      typeof party.Stcd === 'string' &&
      gstin.slice(0, 2) !== party.Stcd.padStart(2, '0')
    ) {
      add(
        'X-GSTIN-STCD',
        `${name}.Stcd`,
        `state code ${party.Stcd} does not match GSTIN ${gstin} (its first two digits)`,
      );
    }
  }

  const intra =
    typeof seller.Stcd === 'string' &&
    typeof buyer.Pos === 'string' &&
    seller.Stcd.padStart(2, '0') === buyer.Pos.padStart(2, '0');
  const igstOnIntra = tran.IgstOnIntra === 'Y';
  // CRN/DBN: line taxes are not checked against rates (d4 exceptions).
  const checkRates = docType === 'INV';
  const sums = { ass: 0, cgst: 0, sgst: 0, igst: 0, ces: 0, stCes: 0, item: 0 };

  items.forEach((item, i) => {
    const at = `ItemList[${i}]`;
    for (const field of LINE_AMOUNTS) {
      if (!hasAtMostDecimals(item[field], 2)) add('X-PRECISION', `${at}.${field}`, 'has more than 2 decimals');
    }
    for (const field of ['Qty', 'UnitPrice']) {
      if (!hasAtMostDecimals(item[field], 3)) add('X-PRECISION', `${at}.${field}`, 'has more than 3 decimals');
    }
    const totAmt = paise(item.TotAmt);
    const ass = paise(item.AssAmt);
    const cgst = paise(item.CgstAmt);
    const sgst = paise(item.SgstAmt);
    const igst = paise(item.IgstAmt);
    if (ass !== totAmt - paise(item.Discount)) {
      add(
        '2193',
        `${at}.AssAmt`,
        `AssAmt ${rupees(ass)} must equal TotAmt − Discount = ${rupees(totAmt - paise(item.Discount))}`,
      );
    }
    const rate = num(item.GstRt);
    if (intra && !igstOnIntra) {
      if (igst > 0)
        add('2172', `${at}.IgstAmt`, 'IGST charged on an intra-State supply (seller state = place of supply)');
      if (checkRates) {
        const half = Math.round((ass * rate) / 2 / 100);
        if (Math.abs(cgst - half) > TAX_TOLERANCE_PAISE)
          add(
            'X-LINE-TAX',
            `${at}.CgstAmt`,
            `CgstAmt ${rupees(cgst)} must be AssAmt × GstRt/2 ÷ 100 = ${rupees(half)}`,
          );
        if (Math.abs(sgst - half) > TAX_TOLERANCE_PAISE)
          add(
            'X-LINE-TAX',
            `${at}.SgstAmt`,
            `SgstAmt ${rupees(sgst)} must be AssAmt × GstRt/2 ÷ 100 = ${rupees(half)}`,
          );
      }
    } else {
      if (cgst > 0 || sgst > 0)
        add('2174', `${at}.CgstAmt`, 'CGST/SGST charged on an inter-State supply (seller state ≠ place of supply)');
      if (checkRates) {
        const full = Math.round((ass * rate) / 100);
        if (Math.abs(igst - full) > TAX_TOLERANCE_PAISE)
          add('X-LINE-TAX', `${at}.IgstAmt`, `IgstAmt ${rupees(igst)} must be AssAmt × GstRt ÷ 100 = ${rupees(full)}`);
      }
    }
    const ces = paise(item.CesAmt) + paise(item.CesNonAdvlAmt);
    const stCes = paise(item.StateCesAmt) + paise(item.StateCesNonAdvlAmt);
    const expectedItem = ass + cgst + sgst + igst + ces + stCes + paise(item.OthChrg);
    const totItem = paise(item.TotItemVal);
    if (totItem !== expectedItem) {
      add(
        'X-TOTITEMVAL',
        `${at}.TotItemVal`,
        `TotItemVal ${rupees(totItem)} must equal AssAmt + taxes + cess + OthChrg = ${rupees(expectedItem)}`,
      );
    }
    sums.ass += ass;
    sums.cgst += cgst;
    sums.sgst += sgst;
    sums.igst += igst;
    sums.ces += ces;
    sums.stCes += stCes;
    sums.item += totItem;
  });

  for (const field of TOTAL_AMOUNTS) {
    if (!hasAtMostDecimals(val[field], 2)) add('X-PRECISION', `ValDtls.${field}`, 'has more than 2 decimals');
  }
  if (paise(val.AssVal) !== sums.ass)
    add('2182', 'ValDtls.AssVal', `AssVal ${rupees(paise(val.AssVal))} must equal Σ AssAmt = ${rupees(sums.ass)}`);
  const totalChecks: Array<[string, number]> = [
    ['CgstVal', sums.cgst],
    ['SgstVal', sums.sgst],
    ['IgstVal', sums.igst],
    ['CesVal', sums.ces],
    ['StCesVal', sums.stCes],
  ];
  for (const [field, expected] of totalChecks) {
    if (paise(val[field]) !== expected)
      add(
        'X-TOTALS',
        `ValDtls.${field}`,
        `${field} ${rupees(paise(val[field]))} must equal the sum of the lines = ${rupees(expected)}`,
      );
  }
  const expectedInvoice = sums.item + paise(val.OthChrg) - paise(val.Discount) + paise(val.RndOffAmt);
  if (Math.abs(paise(val.TotInvVal) - expectedInvoice) > INVOICE_TOLERANCE_PAISE) {
    add(
      '2189',
      'ValDtls.TotInvVal',
      `TotInvVal ${rupees(paise(val.TotInvVal))} must equal Σ TotItemVal + OthChrg − Discount + RndOffAmt = ${rupees(expectedInvoice)} (±1)`,
    );
  }
  return problems;
}
