import { toDdMmYyyy } from '../tax/business-date.ts';
import { normaliseInvoiceNumber } from '../tax/invoice-number.ts';
import { normaliseStateCode, stateCodeOfGstin } from '../tax/state-codes.ts';
import {
  computeInvoiceTotals,
  computeLineTax,
  taxRegimeFor,
  type InvoiceTotals,
  type TaxLine,
  type TaxRegime,
} from '../tax/tax-split.ts';
import { EInvoicePayloadError } from './errors.ts';
import { assertEInvoiceSchema } from './schema.ts';
import type { EInvoiceAddress, EInvoiceInput, EInvoiceLineInput, EInvoiceParty, EInvoicePayload } from './types.ts';
import { checkValueRules } from './value-rules.ts';

/**
 * Builds an INV-01 v1.1 payload (docs/gst.md d1–d5) from Weft's plain invoice object. Taxes and
 * totals are computed here from integer paise with tax-split.ts, so the d4 arithmetic holds by
 * construction; the result is then checked against the d4 rules and the JSON schema, and any failure
 * throws EInvoicePayloadError naming the field.
 */
export interface BuiltEInvoice {
  readonly payload: EInvoicePayload;
  readonly regime: TaxRegime;
  /** Per-line figures in paise, in `ItemList` order, for the printed invoice. */
  readonly lines: readonly TaxLine[];
  readonly totals: InvoiceTotals;
}

/** d5 caps an e-invoice at 1000 lines (india-compliance ITEM_LIMIT). */
export const MAX_EINVOICE_LINES = 1000;

const rupees = (paise: number): number => paise / 100;

/**
 * Free text must not contain `"` or `\` (d3). Replacing them keeps a seller's product names usable
 * without a manual edit; whitespace runs are collapsed because the IRP counts characters.
 */
export function cleanText(value: string): string {
  return value.replace(/"/g, "'").replace(/\\/g, '/').replace(/\s+/g, ' ').trim();
}

/** Optional fields are omitted, never sent as null or empty (d3). */
function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

function optionalText(value: string | undefined): string | undefined {
  return value === undefined ? undefined : cleanText(value) || undefined;
}

function pin(value: string | number, field: string): number {
  const text = String(value).trim();
  if (!/^[1-9]\d{5}$/.test(text))
    throw new EInvoicePayloadError('invalid e-invoice input', [
      { path: field, message: `PIN "${value}" must be 6 digits` },
    ]);
  return Number(text);
}

function address(a: EInvoiceAddress, field: string) {
  return {
    Addr1: cleanText(a.address1),
    Addr2: optionalText(a.address2),
    Loc: cleanText(a.location),
    Pin: pin(a.pincode, `${field}.pincode`),
    Stcd: normaliseStateCode(a.stateCode, `${field}.stateCode`),
  };
}

function party(p: EInvoiceParty, field: string) {
  const gstin = p.gstin.trim().toUpperCase();
  // a5: the IRP refuses a GSTIN whose first two digits differ from Stcd; say so before sending.
  if (stateCodeOfGstin(gstin, `${field}.gstin`) !== normaliseStateCode(p.stateCode, `${field}.stateCode`)) {
    throw new EInvoicePayloadError('invalid e-invoice input', [
      {
        path: `${field}.stateCode`,
        message: `state code ${p.stateCode} does not match GSTIN ${gstin}; use the address registered under that GSTIN`,
      },
    ]);
  }
  return compact({
    Gstin: gstin,
    LglNm: cleanText(p.legalName),
    TrdNm: optionalText(p.tradeName),
    ...address(p, field),
    Ph: p.phone?.replace(/\D/g, '') || undefined,
    Em: p.email?.trim() || undefined,
  });
}

function item(line: EInvoiceLineInput, tax: TaxLine, index: number) {
  return compact({
    SlNo: String(index + 1),
    PrdDesc: cleanText(line.description),
    IsServc: 'N',
    HsnCd: line.hsn.trim(),
    Barcde: optionalText(line.barcode),
    Qty: tax.quantity,
    Unit: line.unit.trim().toUpperCase(),
    UnitPrice: rupees(tax.unitPricePaise),
    TotAmt: rupees(tax.grossPaise),
    Discount: rupees(tax.discountPaise),
    AssAmt: rupees(tax.taxablePaise),
    GstRt: tax.ratePercent,
    IgstAmt: rupees(tax.igstPaise),
    CgstAmt: rupees(tax.cgstPaise),
    SgstAmt: rupees(tax.sgstPaise),
    TotItemVal: rupees(tax.totalPaise),
    OrdLineRef: optionalText(line.orderLineRef),
  });
}

export function buildEInvoicePayload(input: EInvoiceInput): BuiltEInvoice {
  if (input.lines.length === 0 || input.lines.length > MAX_EINVOICE_LINES) {
    throw new EInvoicePayloadError('invalid e-invoice input', [
      { path: 'lines', message: `must hold 1 to ${MAX_EINVOICE_LINES} lines, got ${input.lines.length}` },
    ]);
  }
  const seller = party(input.seller, 'seller');
  const buyer = party(input.buyer, 'buyer');
  const regime = taxRegimeFor(seller.Stcd, normaliseStateCode(input.placeOfSupply, 'placeOfSupply'));
  const lines = input.lines.map((line) =>
    computeLineTax(
      {
        quantity: line.quantity,
        unitPricePaise: line.unitPricePaise,
        discountPaise: line.discountPaise,
        ratePercent: line.ratePercent,
      },
      regime,
      { rounding: input.taxRounding },
    ),
  );
  const totals = computeInvoiceTotals(lines, {
    roundOff: input.roundOff ?? 'rupee',
    otherChargesPaise: input.otherChargesPaise,
    invoiceDiscountPaise: input.invoiceDiscountPaise,
  });
  const refs = compact({
    InvRm: optionalText(input.remarks),
    PrecDocDtls: input.precedingInvoice
      ? [
          {
            InvNo: normaliseInvoiceNumber(input.precedingInvoice.number),
            InvDt: toDdMmYyyy(input.precedingInvoice.date, 'precedingInvoice.date'),
          },
        ]
      : undefined,
    // d5: the PO number and date go into ContrDtls (PORefr ≤ 16 characters, checked by the schema).
    ContrDtls: input.purchaseOrder
      ? [
          {
            PORefr: cleanText(input.purchaseOrder.number),
            PORefDt: toDdMmYyyy(input.purchaseOrder.date, 'purchaseOrder.date'),
          },
        ]
      : undefined,
  });
  const payload = compact({
    Version: '1.1',
    // d5: a sale to Reliance Retail, not a supply through an e-commerce operator, so no EcmGstin.
    TranDtls: { TaxSch: 'GST', SupTyp: 'B2B', RegRev: 'N' },
    DocDtls: { Typ: input.type, No: normaliseInvoiceNumber(input.number), Dt: toDdMmYyyy(input.date, 'date') },
    SellerDtls: seller,
    BuyerDtls: { ...buyer, Pos: regime.placeOfSupplyCode },
    DispDtls: input.dispatchFrom
      ? compact({ Nm: cleanText(input.dispatchFrom.name), ...address(input.dispatchFrom, 'dispatchFrom') })
      : undefined,
    ShipDtls: input.shipTo
      ? compact({
          Gstin: input.shipTo.gstin?.trim().toUpperCase() || undefined,
          LglNm: cleanText(input.shipTo.legalName),
          TrdNm: optionalText(input.shipTo.tradeName),
          ...address(input.shipTo, 'shipTo'),
        })
      : undefined,
    ItemList: input.lines.map((line, i) => item(line, lines[i], i)),
    ValDtls: {
      AssVal: rupees(totals.taxablePaise),
      CgstVal: rupees(totals.cgstPaise),
      SgstVal: rupees(totals.sgstPaise),
      IgstVal: rupees(totals.igstPaise),
      CesVal: 0,
      StCesVal: 0,
      Discount: rupees(totals.invoiceDiscountPaise),
      OthChrg: rupees(totals.otherChargesPaise),
      RndOffAmt: rupees(totals.roundOffPaise),
      TotInvVal: rupees(totals.invoiceTotalPaise),
    },
    RefDtls: Object.keys(refs).length > 0 ? refs : undefined,
  }) as unknown as EInvoicePayload;
  assertValidEInvoice(payload);
  return { payload, regime, lines, totals };
}

/** Schema plus d4 arithmetic; throws EInvoicePayloadError listing every problem. */
export function assertValidEInvoice(payload: unknown): void {
  assertEInvoiceSchema(payload);
  const problems = checkValueRules(payload);
  if (problems.length > 0) {
    throw new EInvoicePayloadError(
      'e-invoice payload breaks the IRP value rules (docs/gst.md d4)',
      problems.map((p) => ({ path: p.path, message: `${p.message} [${p.code}]` })),
    );
  }
}
