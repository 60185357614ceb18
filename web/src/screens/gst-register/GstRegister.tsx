import { useState } from 'react';
import type { Wire } from '../../../../src/http/responses/common.ts';
import type { gstRegister } from '../../../../src/http/responses/credit-notes.ts';
import type { invoice } from '../../../../src/http/responses/pack.ts';
import { get, withQuery } from '../../api.ts';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { formatRupees } from '../../format.ts';
import { navigate, useTitle } from '../../router.ts';
import { useLoad } from '../../use-load.ts';

type Register = Wire<typeof gstRegister>;
type Invoice = Wire<typeof invoice>;
type Totals = Register['totals']['invoices'];

/** The first day of this month and of the next, in IST: the register's default range. */
function thisMonth(): { from: string; to: string } {
  const ist = new Date(Date.now() + 330 * 60_000);
  const y = ist.getUTCFullYear();
  const m = ist.getUTCMonth();
  const day = (year: number, month: number) => new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  return { from: day(y, m), to: day(y, m + 1) };
}

/**
 * The GST register for the accountant: invoices and credit notes of a range of days, one row per
 * document, HSN and rate, with totals kept apart (a credit note reduces the tax), a CSV of the same rows,
 * and the superseded invoices whose IRN still stands at the IRP.
 */
export function GstRegister({ query }: { query: URLSearchParams }) {
  useTitle('GST register');
  const fallback = thisMonth();
  const from = query.get('from') ?? fallback.from;
  const to = query.get('to') ?? fallback.to;
  const [draft, setDraft] = useState({ from, to });
  const register = useLoad(() => get<Register>('/api/gst-register', { from, to }), [from, to]);
  const toSettle = useLoad(() => get<{ items: Invoice[] }>('/api/invoices/irn-to-settle'), []);

  return (
    <>
      <div className="page-head">
        <h1>GST register</h1>
        <div className="actions">
          <a className="button" href={withQuery('/api/gst-register.csv', { from, to })} download>
            Download CSV
          </a>
        </div>
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(withQuery('/gst-register', draft));
        }}
      >
        <label>
          From (first day)
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          To (first day not included)
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit">Show</button>
      </form>
      {register.error ? <LoadFailed error={register.error} onRetry={register.reload} /> : null}
      {!register.data && !register.error ? <Loading /> : null}
      {register.data ? <RegisterBody register={register.data} /> : null}
      {toSettle.data?.items.length ? (
        <Section title="IRNs still standing" description="Superseded invoices the IRP did not cancel: settle them.">
          {toSettle.data.items.map((i) => (
            <Notice key={i.id} kind="error">
              Invoice {i.invoiceNumber} (IRN {i.irn}): {i.irnCancelError}
            </Notice>
          ))}
        </Section>
      ) : null}
    </>
  );
}

function RegisterBody({ register }: { register: Register }) {
  if (register.rows.length === 0) return <p className="muted">No invoice or credit note is dated in this range.</p>;
  return (
    <>
      <Section title="Totals">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Documents</th>
              <th scope="col" className="num">
                Count
              </th>
              <th scope="col" className="num">
                Taxable value
              </th>
              <th scope="col" className="num">
                CGST
              </th>
              <th scope="col" className="num">
                SGST
              </th>
              <th scope="col" className="num">
                IGST
              </th>
            </tr>
          </thead>
          <tbody>
            <TotalsRow label="Invoices" totals={register.totals.invoices} />
            <TotalsRow label="Credit notes" totals={register.totals.creditNotes} />
          </tbody>
        </table>
      </Section>
      <Section title="Documents">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Date</th>
              <th scope="col">Type</th>
              <th scope="col">Recipient GSTIN</th>
              <th scope="col">HSN</th>
              <th scope="col" className="num">
                Rate
              </th>
              <th scope="col" className="num">
                Taxable value
              </th>
              <th scope="col" className="num">
                Tax
              </th>
              <th scope="col">IRN</th>
            </tr>
          </thead>
          <tbody>
            {register.rows.map((r) => (
              <tr key={`${r.number}|${r.hsn}|${r.ratePercent}`}>
                <th scope="row" data-label="Number">
                  {r.number}
                </th>
                <td data-label="Date">{r.date}</td>
                <td data-label="Type">{r.type === 'CRN' ? `Credit note against ${r.against}` : 'Invoice'}</td>
                <td data-label="Recipient GSTIN">{r.recipientGstin}</td>
                <td data-label="HSN">{r.hsn}</td>
                <td className="num" data-label="Rate">
                  {r.ratePercent}%
                </td>
                <td className="num" data-label="Taxable value">
                  {formatRupees(r.taxablePaise)}
                </td>
                <td className="num" data-label="Tax">
                  {formatRupees(r.cgstPaise + r.sgstPaise + r.igstPaise + r.cessPaise)}
                </td>
                <td data-label="IRN">{r.irn ? `${r.irn.slice(0, 12)}…` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}

function TotalsRow({ label, totals }: { label: string; totals: Totals }) {
  return (
    <tr>
      <th scope="row" data-label="Documents">
        {label}
      </th>
      <td className="num" data-label="Count">
        {totals.documents}
      </td>
      <td className="num" data-label="Taxable value">
        {formatRupees(totals.taxablePaise)}
      </td>
      <td className="num" data-label="CGST">
        {formatRupees(totals.cgstPaise)}
      </td>
      <td className="num" data-label="SGST">
        {formatRupees(totals.sgstPaise)}
      </td>
      <td className="num" data-label="IGST">
        {formatRupees(totals.igstPaise)}
      </td>
    </tr>
  );
}
