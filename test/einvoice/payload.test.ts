import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EInvoicePayloadError } from '../../src/einvoice/errors.ts';
import { assertValidEInvoice, buildEInvoicePayload, cleanText } from '../../src/einvoice/payload.ts';
import { validateEInvoiceSchema } from '../../src/einvoice/schema.ts';
import { checkValueRules } from '../../src/einvoice/value-rules.ts';
import { sampleInvoice } from './fixtures.ts';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('buildEInvoicePayload (docs/gst.md d1–d5)', () => {
  test('the d4 worked example, inter-State', () => {
    const { payload, totals, regime } = buildEInvoicePayload(sampleInvoice());
    assert.equal(regime.kind, 'inter');
    assert.deepEqual(payload.TranDtls, { TaxSch: 'GST', SupTyp: 'B2B', RegRev: 'N' });
    assert.deepEqual(payload.DocDtls, { Typ: 'INV', No: 'WFT/25-26/000123', Dt: '23/09/2025' });
    assert.equal(payload.SellerDtls.Pin, 400013);
    assert.equal(payload.BuyerDtls.Pos, '29');
    const line = payload.ItemList[0];
    assert.equal(line.SlNo, '1');
    assert.equal(line.TotAmt, 8990);
    assert.equal(line.AssAmt, 8990);
    assert.equal(line.GstRt, 5);
    assert.equal(line.IgstAmt, 449.5);
    assert.equal(line.CgstAmt, 0);
    assert.equal(line.TotItemVal, 9439.5);
    assert.equal(line.OrdLineRef, 'AJ-SKU-443322-M');
    assert.equal(payload.ValDtls.AssVal, 8990);
    assert.equal(payload.ValDtls.IgstVal, 449.5);
    assert.equal(payload.ValDtls.RndOffAmt, 0.5);
    assert.equal(payload.ValDtls.TotInvVal, 9440);
    assert.equal(totals.invoiceTotalPaise, 944_000);
    assert.deepEqual(payload.RefDtls, { ContrDtls: [{ PORefr: 'PO2509230001', PORefDt: '22/09/2025' }] });
    assert.equal('EcmGstin' in payload.TranDtls, false, 'optional fields are omitted, never null (d3)');
    assert.deepEqual(checkValueRules(payload), []);
  });
  test('intra-State: CGST = SGST = 224.75, GstRt stays the full rate', () => {
    const { payload } = buildEInvoicePayload(
      sampleInvoice({
        placeOfSupply: '27',
        buyer: { ...sampleInvoice().buyer, gstin: '27AABCR1718E1ZP', stateCode: '27' },
      }),
    );
    assert.equal(payload.ItemList[0].CgstAmt, 224.75);
    assert.equal(payload.ItemList[0].SgstAmt, 224.75);
    assert.equal(payload.ItemList[0].IgstAmt, 0);
    assert.equal(payload.ItemList[0].GstRt, 5);
    assert.equal(payload.ValDtls.TotInvVal, 9440);
  });
  test("AJIO's rounding (line tax rounded, then split) and no round-off: CGST and SGST a paisa apart, the value rules pass", () => {
    const intra = {
      placeOfSupply: '27',
      buyer: { ...sampleInvoice().buyer, gstin: '27AABCR1718E1ZP', stateCode: '27' },
    };
    // ₹3,957 at 5%: ₹197.85 of tax, which d4's per-component rounding would make 98.93 + 98.93.
    const lines = [{ ...sampleInvoice().lines[0], quantity: 1, unitPricePaise: 395_700 }];
    const { payload, totals } = buildEInvoicePayload(
      sampleInvoice({ ...intra, lines, roundOff: 'none', taxRounding: 'line-then-split' }),
    );
    assert.equal(payload.ItemList[0].CgstAmt, 98.92);
    assert.equal(payload.ItemList[0].SgstAmt, 98.93);
    assert.equal(payload.ValDtls.RndOffAmt, 0);
    assert.equal(payload.ValDtls.TotInvVal, 4154.85);
    assert.equal(totals.totalTaxPaise, 19_785);
    assert.deepEqual(checkValueRules(payload), []);
    const d4 = buildEInvoicePayload(sampleInvoice({ ...intra, lines, roundOff: 'none' }));
    assert.equal(d4.totals.totalTaxPaise, 19_786, 'per-component rounding differs by a paisa here');
  });
  test('several lines with discounts, ship-to and dispatch-from stay consistent', () => {
    const base = sampleInvoice();
    const { payload } = buildEInvoicePayload({
      ...base,
      number: 'wft/25-26/000124',
      lines: [
        ...base.lines,
        {
          description: 'Leather loafer "Oxford"',
          hsn: '64039990',
          quantity: 3,
          unit: 'prs',
          unitPricePaise: 333_333,
          discountPaise: 1_001,
          ratePercent: 18,
        },
      ],
      shipTo: {
        legalName: 'Reliance Retail FC Hoskote',
        address1: 'Plot 4',
        location: 'Hoskote',
        pincode: '562114',
        stateCode: '29',
      },
      dispatchFrom: {
        name: 'Weft Demo Warehouse',
        address1: 'Bhiwandi',
        location: 'Thane',
        pincode: '421302',
        stateCode: '27',
      },
      otherChargesPaise: 10_000,
    });
    assert.equal(payload.DocDtls.No, 'WFT/25-26/000124');
    assert.equal(payload.ItemList[1].PrdDesc, "Leather loafer 'Oxford'");
    assert.equal(payload.ItemList[1].Unit, 'PRS');
    assert.equal(payload.ItemList[1].AssAmt, 9989.98);
    assert.equal(payload.ItemList[1].IgstAmt, 1798.2);
    assert.equal(payload.ShipDtls?.Stcd, '29');
    assert.equal(payload.DispDtls?.Nm, 'Weft Demo Warehouse');
    assert.deepEqual(checkValueRules(payload), []);
    assert.equal(validateEInvoiceSchema(payload).valid, true);
  });
  test("a seller state that is not the GSTIN's is refused before sending", () => {
    const input = sampleInvoice();
    assert.throws(
      () => buildEInvoicePayload({ ...input, seller: { ...input.seller, stateCode: '29' } }),
      (err: unknown) =>
        err instanceof EInvoicePayloadError &&
        /seller\.stateCode: state code 29 does not match GSTIN 27/.test(err.message),
    );
  });
  test('bad input names the field', () => {
    assert.throws(() => buildEInvoicePayload(sampleInvoice({ number: '0WFT/1' })), /invoice number "0WFT\/1"/);
    assert.throws(() => buildEInvoicePayload(sampleInvoice({ placeOfSupply: '99' })), /placeOfSupply "99"/);
    assert.throws(() => buildEInvoicePayload(sampleInvoice({ lines: [] })), /lines: must hold 1 to 1000 lines/);
    const input = sampleInvoice();
    assert.throws(
      () => buildEInvoicePayload({ ...input, seller: { ...input.seller, pincode: '4000' } }),
      /seller\.pincode: PIN "4000"/,
    );
    assert.throws(
      () => buildEInvoicePayload({ ...input, lines: [{ ...input.lines[0], hsn: '6109100' }] }),
      /ItemList\[0\]\.HsnCd/,
    );
  });
  test('cleanText removes what the IRP refuses (d3)', () => {
    assert.equal(cleanText(' A  "quoted"\\name\n'), "A 'quoted'/name");
  });
});

describe('schema validation (d6)', () => {
  const { payload } = buildEInvoicePayload(sampleInvoice());
  // The schema docs/gst.md d6 describes, pinned by the SHA-256 of its parsed-and-restringified JSON
  // (so reformatting does not matter, but any change to a key, pattern or bound does). A deliberate
  // schema update changes this value together with docs/gst.md d6.
  const schemaFingerprint = 'a4d05e75c6c00d298748277a616280e7ff2e70e5923a5d1c3030002d1ee2832a';
  test('the shipped schema is the one docs/gst.md d6 describes', () => {
    const shipped = readFileSync(new URL('../../src/einvoice/einvoice-schema-1.1.json', import.meta.url), 'utf8');
    const canonical = JSON.stringify(JSON.parse(shipped));
    assert.equal(createHash('sha256').update(canonical).digest('hex'), schemaFingerprint);
  });
  test('a valid payload passes', () => {
    assert.deepEqual(validateEInvoiceSchema(payload), { valid: true });
  });
  test('a broken payload fails with messages naming the fields', () => {
    const broken = clone(payload) as Record<string, any>;
    broken.SellerDtls.Pin = '400013';
    broken.DocDtls.No = '0123';
    broken.ItemList[0].PrdDesc = 'Say "hi"';
    broken.TranDtls.EcmGstin = null;
    delete broken.ValDtls.TotInvVal;
    const result = validateEInvoiceSchema(broken);
    assert.equal(result.valid, false);
    const byPath = new Map(result.valid ? [] : result.issues.map((i) => [i.path, i.message]));
    assert.equal(byPath.get('SellerDtls.Pin'), 'must be number');
    assert.match(byPath.get('DocDtls.No') ?? '', /INV-01 pattern/);
    assert.match(byPath.get('ItemList[0].PrdDesc') ?? '', /pattern/);
    assert.equal(byPath.get('TranDtls.EcmGstin'), 'must be string');
    assert.equal(byPath.get('ValDtls.TotInvVal'), 'is required');
    assert.throws(() => assertValidEInvoice(broken), /SellerDtls\.Pin: must be number/);
  });
});

describe('value rules (d4)', () => {
  const { payload } = buildEInvoicePayload(sampleInvoice());
  const codes = (p: unknown) => checkValueRules(p).map((x) => `${x.code} ${x.path}`);
  test('AssAmt ≠ TotAmt − Discount is 2193', () => {
    const broken = clone(payload);
    broken.ItemList[0].AssAmt = 8000;
    assert.ok(codes(broken).includes('2193 ItemList[0].AssAmt'));
  });
  test('IGST on an intra-State pair is 2172; CGST on an inter-State pair is 2174', () => {
    const intra = clone(payload);
    intra.BuyerDtls.Pos = '27';
    assert.ok(codes(intra).includes('2172 ItemList[0].IgstAmt'));
    const inter = clone(payload);
    Object.assign(inter.ItemList[0], { CgstAmt: 224.75, SgstAmt: 224.75, IgstAmt: 0 });
    assert.ok(codes(inter).includes('2174 ItemList[0].CgstAmt'));
  });
  test('AssVal ≠ Σ AssAmt is 2182; TotInvVal off by more than ₹1 is 2189, within ₹1 passes', () => {
    const ass = clone(payload);
    ass.ValDtls.AssVal = 8000;
    assert.ok(codes(ass).includes('2182 ValDtls.AssVal'));
    const within = clone(payload);
    within.ValDtls.TotInvVal = 9440.5;
    assert.deepEqual(codes(within), []);
    const off = clone(payload);
    off.ValDtls.TotInvVal = 9441.01;
    assert.ok(codes(off).includes('2189 ValDtls.TotInvVal'));
  });
  test('wrong tax, item total, sums and precision are reported', () => {
    const broken = clone(payload);
    broken.ItemList[0].IgstAmt = 500;
    broken.ValDtls.IgstVal = 449.5;
    broken.ItemList[0].UnitPrice = 899.0001;
    const found = codes(broken);
    assert.ok(found.includes('X-LINE-TAX ItemList[0].IgstAmt'));
    assert.ok(found.includes('X-TOTITEMVAL ItemList[0].TotItemVal'));
    assert.ok(found.includes('X-TOTALS ValDtls.IgstVal'));
    assert.ok(found.includes('X-PRECISION ItemList[0].UnitPrice'));
  });
  test('credit notes are not checked against rates', () => {
    const crn = clone(payload);
    crn.DocDtls.Typ = 'CRN';
    crn.ItemList[0].IgstAmt = 400;
    crn.ItemList[0].TotItemVal = 9390;
    crn.ValDtls.IgstVal = 400;
    crn.ValDtls.TotInvVal = 9390;
    crn.ValDtls.RndOffAmt = 0;
    assert.deepEqual(codes(crn), []);
  });
});
