import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invoiceFigures, renderInvoice } from '../../src/core/documents/render/invoice.ts';
import { indianGroup, inr, rupees } from '../../src/core/documents/render/pdf-kit.ts';
import { decodeSignedQr } from '../../src/einvoice/index.ts';
import { barcodes, NO_PDFTOTEXT, NO_ZBAR, pdfPages, pdfText, squash } from './pdf-tools.ts';
import { interStateInvoice, intraStateInvoice, IRN, SELLER, SHIRT, signedQr, TEE } from './fixtures.ts';

describe('money on paper', () => {
  it('groups digits the Indian way and keeps paise exact', () => {
    assert.equal(indianGroup(0), '0');
    assert.equal(indianGroup(999), '999');
    assert.equal(indianGroup(1000), '1,000');
    assert.equal(indianGroup(123456), '1,23,456');
    assert.equal(indianGroup(123456789), '12,34,56,789');
    assert.equal(rupees(12345650), '1,23,456.50');
    assert.equal(rupees(-40), '-0.40');
    assert.equal(inr(944000), 'INR 9,440.00');
  });
});

describe('GST tax invoice', { skip: NO_PDFTOTEXT }, () => {
  it('intra-State: CGST + SGST at half the rate each, totals and amount in words as printed', async () => {
    const text = squash(pdfText(await renderInvoice(intraStateInvoice())));
    assert.match(text, /Tax Invoice/);
    for (const expected of [
      'Weft Demo Apparel LLP',
      'GSTIN: 27AAPFU0939F1ZV',
      'Reliance Retail Limited',
      'GSTIN: 27AABCR1718E1ZL',
      'AJIO FC Bhiwandi',
      'Invoice number WFT/25-26/000123',
      'Invoice date 23/09/2025',
      'PO number PO2509230001',
      'Place of supply Maharashtra (27)',
      'Reverse charge N',
      'Box count 2',
    ])
      assert.ok(text.includes(expected), `missing "${expected}"`);
    // T-shirt: 10 × 899.00 = 8,990.00 at 5% → 2.5% CGST 224.75 and 2.5% SGST 224.75.
    assert.match(text, /61091000 10 PCS 899\.00 8,990\.00 2\.5% 224\.75 2\.5% 224\.75 9,439\.50/);
    // Shirt: 4 × 2,799.50 = 11,198.00 at 18% → 9% each, 1,007.82.
    assert.match(text, /62052000 4 PCS 2,799\.50 11,198\.00 9% 1,007\.82 9% 1,007\.82 13,213\.64/);
    assert.match(text, /Taxable value INR 24,685\.00/);
    assert.match(text, /CGST INR 1,345\.00/);
    assert.match(text, /SGST INR 1,345\.00/);
    assert.match(text, /Invoice value INR 27,375\.00/);
    assert.match(text, /Amount in words: Twenty Seven Thousand Three Hundred Seventy Five Rupees Only/);
    assert.doesNotMatch(text, /IGST/);
    assert.doesNotMatch(text, /IRN/, 'no e-invoice block without an IRN');
  });

  it('inter-State: IGST at the full rate, round-off to the rupee', async () => {
    const data = interStateInvoice();
    const text = squash(pdfText(await renderInvoice(data)));
    assert.ok(text.includes('Place of supply Karnataka (29)'));
    assert.ok(text.includes('GSTIN: 29AABCR1718E1ZL'));
    assert.match(text, /61091000 10 PCS 899\.00 8,990\.00 5% 449\.50 9,439\.50/);
    assert.match(text, /62034200 3 PCS 1,499\.00 4,497\.00 5% 224\.85 4,721\.85/);
    assert.match(text, /IGST INR 2,689\.99/);
    assert.match(text, /Round off INR 0\.01/);
    assert.match(text, /Invoice value INR 27,375\.00/);
    assert.doesNotMatch(text, /CGST|SGST/);
    const figures = invoiceFigures(data);
    assert.equal(figures.totals.invoiceTotalPaise, 2_737_500, 'paper and figures agree');
  });

  it('prints the IRN, ack number and date, and the signed QR that decodes to the IRP string', {
    skip: NO_ZBAR,
  }, async () => {
    const qr = signedQr({
      seller: SELLER.gstin,
      buyer: '29AABCR1718E1ZL',
      docNo: 'WFT/25-26/000124',
      docDate: '23/09/2025',
      total: 27375,
      itemCount: 3,
      hsn: '62052000',
      irn: IRN,
      irnDate: '2025-09-23 15:10:00',
    });
    assert.ok(qr.length > 700, 'a realistic signed QR is long');
    const pdf = await renderInvoice(
      interStateInvoice({
        einvoice: { irn: IRN, ackNo: '112510000002315', ackDate: '2025-09-23 15:10:00', signedQrCode: qr },
      }),
    );
    const text = squash(pdfText(pdf));
    assert.ok(text.includes(`IRN: ${IRN}`));
    assert.ok(text.includes('Ack no: 112510000002315'));
    assert.ok(text.includes('Ack date: 2025-09-23 15:10:00 IST'));
    const decoded = barcodes(pdf);
    assert.deepEqual(decoded, [qr], 'the QR carries the SignedQRCode itself');
    assert.equal(decodeSignedQr(decoded[0]).Irn, IRN);
  });

  it('paginates a long PO over three pages, repeating the header and the column titles', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({
      ...(i % 2 ? SHIRT : TEE),
      sku: `WD-SKU-${String(i + 1).padStart(3, '0')}`,
      quantity: 100,
    }));
    const pages = pdfPages(await renderInvoice(intraStateInvoice({ lines }))).map(squash);
    assert.equal(pages.length, 3);
    pages.forEach((page, i) => {
      assert.ok(page.includes(`Page ${i + 1} of 3`), `page ${i + 1} numbered`);
      assert.ok(page.includes('WFT/25-26/000123'), `page ${i + 1} names the invoice`);
      assert.match(page, /# Description HSN Qty Unit price Taxable value/, `page ${i + 1} repeats the column titles`);
      if (i > 0)
        assert.ok(
          page.includes('Tax Invoice (continued)') &&
            page.includes('GSTIN 27AAPFU0939F1ZV') &&
            page.includes('PO PO2509230001'),
        );
    });
    const all = pages.join('\n');
    for (let i = 1; i <= 60; i++) assert.ok(all.includes(`WD-SKU-${String(i).padStart(3, '0')}`), `line ${i} printed`);
    // 100 × 2,799.50 = 2,79,950.00: Indian grouping on the lines; totals only on the last page.
    assert.match(all, /2,79,950\.00/);
    assert.ok(pages[2].includes('Invoice value') && !pages[0].includes('Invoice value'));
    const total = invoiceFigures(intraStateInvoice({ lines })).totals.invoiceTotalPaise;
    assert.ok(pages[2].includes(`Invoice value ${inr(total)}`));
  });

  it('renders the same bytes for the same data, so the store can dedupe by hash', async () => {
    const a = await renderInvoice(intraStateInvoice());
    const b = await renderInvoice(intraStateInvoice());
    assert.ok(a.equals(b));
    const c = await renderInvoice(intraStateInvoice({ boxCount: 3 }));
    assert.ok(!a.equals(c));
  });
});
