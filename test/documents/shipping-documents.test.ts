import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { labelQrText, renderBoxLabels } from '../../src/core/documents/render/box-label.ts';
import { renderManifest } from '../../src/core/documents/render/manifest.ts';
import { renderPicklist } from '../../src/core/documents/render/picklist.ts';
import { sizeRank, sortForWalking } from '../../src/core/fulfilment/walking-order.ts';
import { barcodesByPage, NO_PDFTOTEXT, NO_ZBAR, pdfPages, squash } from './pdf-tools.ts';
import { labelData, manifestData, picklistData } from './fixtures.ts';

describe('box labels', { skip: NO_PDFTOTEXT || NO_ZBAR }, () => {
  it('one 100×150 mm page per box, every barcode decoding to the AWB, box id and PO it stands for', async () => {
    const data = labelData(3);
    const pdf = await renderBoxLabels(data);
    const pages = pdfPages(pdf).map(squash);
    assert.equal(pages.length, 3);
    const codes = barcodesByPage(pdf);
    assert.equal(codes.length, 3);
    data.boxes.forEach((box, i) => {
      const page = pages[i];
      for (const expected of [
        'AJIO FC Hoskote',
        'Weft Demo Apparel LLP',
        'PO2509230002',
        'WFT/25-26/000124',
        `Box ${i + 1} of 3`,
        box.awb,
        box.boxId,
        'Delhivery',
      ]) {
        assert.ok(page.includes(expected), `label ${i + 1} shows "${expected}"`);
      }
      assert.ok(page.includes(`Weight ${(box.weightGrams / 1000).toFixed(3)} kg`));
      assert.deepEqual(
        [...codes[i]].sort(),
        [box.awb, box.boxId, `PO2509230002|${box.boxId}|${box.awb}`].sort(),
        `label ${i + 1} barcodes`,
      );
      assert.equal(labelQrText(data.poNumber, box), `PO2509230002|${box.boxId}|${box.awb}`);
    });
  });

  it('says "box n of m" of the whole shipment when only one label is reprinted', async () => {
    const data = labelData(3);
    const pages = pdfPages(await renderBoxLabels({ ...data, boxes: [data.boxes[1]] })).map(squash);
    assert.equal(pages.length, 1);
    assert.ok(pages[0].includes('Box 2 of 3'));
  });

  it('refuses a box without an AWB, naming the box', async () => {
    const data = labelData(2);
    await assert.rejects(
      renderBoxLabels({ ...data, boxes: [{ ...data.boxes[0], awb: '' }] }),
      /Box 1 of PO PO2509230002 has no AWB/,
    );
  });
});

describe('manifest', { skip: NO_PDFTOTEXT || NO_ZBAR }, () => {
  it('lists 250 shipments over paginated pages with every master AWB decodable, totals and a signature area', async () => {
    const data = manifestData(250);
    const pdf = await renderManifest(data);
    const pages = pdfPages(pdf).map(squash);
    assert.ok(pages.length > 1);
    pages.forEach((page, i) => {
      assert.ok(page.includes(`Page ${i + 1} of ${pages.length}`));
      assert.ok(page.includes('MF-2025-0923-01') && page.includes('Master AWB'), `page ${i + 1} repeats the header`);
    });
    const all = pages.join('\n');
    for (const expected of [
      'AJMAN8812231',
      'AJIO JIT (ajio-main)',
      'Weft Demo Warehouse',
      '23/09/2025 16:30 IST',
      'Delhivery, vehicle MH-01-AB-1234, agent R. Patil',
    ]) {
      assert.ok(all.includes(expected), `shows "${expected}"`);
    }
    for (const s of data.shipments) {
      assert.ok(all.includes(s.poNumber) && all.includes(s.invoiceNumber), `row for ${s.poNumber}`);
    }
    const boxes = data.shipments.reduce((a, s) => a + s.boxCount, 0);
    const kg = (data.shipments.reduce((a, s) => a + s.weightGrams, 0) / 1000).toFixed(3);
    const last = pages.at(-1) ?? '';
    assert.ok(last.includes(`Total: 250 shipments, ${boxes} boxes, ${kg} kg`));
    assert.ok(
      last.includes('Handed over by (seller)') &&
        last.includes('Received by (Delhivery)') &&
        last.includes('Signature'),
    );

    const codes = barcodesByPage(pdf);
    assert.equal(codes.length, pages.length);
    const decoded = codes.flat();
    assert.equal(decoded.filter((c) => c === data.manifestId).length, pages.length, 'the manifest id on every page');
    assert.deepEqual(
      decoded.filter((c) => c !== data.manifestId).sort(),
      data.shipments.map((s) => s.masterAwb).sort(),
      'every master AWB, once',
    );
  });
});

describe('picklist', { skip: NO_PDFTOTEXT || NO_ZBAR }, () => {
  it('orders sizes as on the shelf: letters XS…3XL, numbers numerically, the rest after', () => {
    const sizes = ['XL', '32', '3XL', 'S', 'Free', 'M', '28', 'XXL', 'XS', 'L', '9.5', '10'];
    const sorted = [...sizes].sort((a, b) => {
      const [x, y] = [sizeRank(a), sizeRank(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
    });
    assert.deepEqual(sorted, ['XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL', '9.5', '10', '28', '32', 'Free']);
  });

  it('sorts for walking by style, colour and size, then by location when bins are known', () => {
    const lines = picklistData().lines;
    assert.deepEqual(
      sortForWalking(lines).map((l) => l.skuCode),
      [
        'WD-JNS-IND-28',
        'WD-JNS-IND-30',
        'WD-JNS-IND-34',
        'WD-TEE-BLK-M',
        'WD-TEE-NVY-S',
        'WD-TEE-NVY-M',
        'WD-TEE-NVY-XL',
        'WD-TEE-NVY-3XL',
      ],
    );
    const located = lines.map((l, i) => ({ ...l, location: i === 0 ? null : `A-${10 - i}` }));
    const walked = sortForWalking(located).map((l) => l.location ?? 'none');
    assert.deepEqual(
      walked,
      ['A-3', 'A-4', 'A-5', 'A-6', 'A-7', 'A-8', 'A-9', 'none'],
      'natural order of bins, unknown bins last',
    );
  });

  it('prints the rows in walking order with the picklist id as a decodable Code 128', async () => {
    const data = picklistData();
    const pdf = await renderPicklist(data);
    const [page] = pdfPages(pdf).map(squash);
    for (const expected of [
      'Picklist',
      'PL-000042',
      'Weft Demo Warehouse, Lower Parel',
      '23/09/2025 09:45 IST by operator1',
      '31 units of 8 SKUs',
    ]) {
      assert.ok(page.includes(expected), `shows "${expected}"`);
    }
    assert.match(page, /WD-TEE-NVY-M 8901234500038 Crew-neck T-shirt navy, Navy M 9 3/);
    const order = sortForWalking(data.lines).map((l) => page.indexOf(l.skuCode));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      'rows appear in walking order',
    );
    assert.deepEqual(barcodesByPage(pdf), [['PL-000042']]);
  });
});
