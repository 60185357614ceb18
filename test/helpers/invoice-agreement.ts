import assert from 'node:assert/strict';
import { channelDescriptor } from '../../src/channels/registry.ts';
import { rupees } from '../../src/core/documents/render/pdf-kit.ts';
import { einvoiceInput } from '../../src/core/fulfilment/einvoicing.ts';
import { printedInvoice } from '../../src/core/fulfilment/invoicing.ts';
import { buildEInvoicePayload } from '../../src/einvoice/index.ts';
import type { StartedSandbox } from '../../src/sandbox/ajio/testing.ts';
import type { TestApp } from './app.ts';
import { havePdfTools, pdfText } from './pdf.ts';

/**
 * Every invoice Weft holds (or those of the POs named) against AJIO's record of the same invoice
 * number, to the paisa (issue 11, build 5): taxable value, tax, round-off and invoice value as Weft
 * prints them (the same figures the PDF and the e-invoice are made from) equal what the sandbox
 * recorded when it issued the number; the e-invoice payload's values equal them too; the stored PDF
 * is the one for that number (and, with poppler installed, prints that invoice value).
 * Returns how many invoices were compared, so a caller can assert it compared some.
 */
const paise = (rupees: unknown) => Math.round(Number(rupees ?? 0) * 100);

export async function assertInvoicesMatchAjio(
  t: TestApp,
  sandbox: StartedSandbox,
  username: string,
  poNumbers?: string[],
): Promise<number> {
  const deps = { database: t.database, secrets: t.secrets, lookup: channelDescriptor };
  const { rows } = await t.database.query<{ order_id: number; po_number: string }>(
    `select i.order_id, o.po_number from invoices i join orders o on o.id = i.order_id
     where i.status = 'active' and ($1::text[] is null or o.po_number = any($1::text[])) order by i.id`,
    [poNumbers ?? null],
  );
  if (poNumbers) assert.equal(rows.length, poNumbers.length, `an active invoice for each of ${poNumbers.join(', ')}`);
  const records = (await sandbox.control.received(username, 'invoices')).items as Record<string, unknown>[];
  for (const row of rows) {
    const printed = (await printedInvoice(deps, Number(row.order_id)))!;
    const number = printed.invoice.invoiceNumber;
    const record = records.find((r) => r.invoice_number === number);
    assert.ok(record, `AJIO has a record of invoice ${number} (PO ${row.po_number})`);
    assert.equal(record.po_number, row.po_number, `invoice ${number} is PO ${row.po_number}'s at AJIO`);
    const totals = printed.figures.totals;
    const ours = {
      taxable: totals.taxablePaise,
      tax: totals.totalTaxPaise,
      roundOff: totals.roundOffPaise,
      value: totals.invoiceTotalPaise,
    };
    const theirs = {
      taxable: paise(record.taxable_value),
      tax: paise(record.total_tax),
      roundOff: paise(record.round_off),
      value: paise(record.invoice_value),
    };
    assert.deepEqual(ours, theirs, `invoice ${number} (PO ${row.po_number}): Weft's totals equal AJIO's record`);

    const einvoice = buildEInvoicePayload(einvoiceInput(printed.data)).payload as unknown as {
      ValDtls: Record<string, number>;
    };
    const v = einvoice.ValDtls;
    assert.deepEqual(
      {
        taxable: paise(v.AssVal),
        tax: paise(v.CgstVal) + paise(v.SgstVal) + paise(v.IgstVal),
        roundOff: paise(v.RndOffAmt),
        value: paise(v.TotInvVal),
      },
      theirs,
      `invoice ${number}: the e-invoice values equal AJIO's record`,
    );

    const { rows: docs } = await t.database.query<{ bytes: Buffer }>(
      `select bytes from documents where kind = 'invoice' and reference = $1 and voided_at is null`,
      [number],
    );
    assert.equal(docs.length, 1, `one printed invoice ${number}`);
    if (havePdfTools)
      assert.ok(
        pdfText(Buffer.from(docs[0].bytes)).includes(rupees(theirs.value)),
        `the PDF of ${number} prints ${rupees(theirs.value)}`,
      );
  }
  return rows.length;
}
