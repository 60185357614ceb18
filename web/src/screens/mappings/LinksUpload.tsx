import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { messageOf } from '../../api.ts';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { postCsv, resultsCsv } from './csv-upload.ts';
import type { LinkCsvResult, LinkLineResult } from './mapping-types.ts';

/** Enough lines to read on a page; the full result is one download away. */
const shownLines = 500;

const resultWords: Record<LinkLineResult['status'], string> = {
  linked: 'Linked',
  unchanged: 'Already linked',
  error: 'Refused',
};

/** Bulk links from a CSV (channel_sku,sku_code), with what happened to every line. */
export function LinksUpload({ code, onUploaded }: { code: string; onUploaded(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<LinkCsvResult | null>(null);
  const [refusedOnly, setRefusedOnly] = useState(false);

  async function upload(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!file) {
      setFileError('Choose the CSV file with the columns channel_sku and sku_code.');
      return;
    }
    setFileError(undefined);
    setBusy(true);
    try {
      const answer = await postCsv<LinkCsvResult>(`/api/channels/${encodeURIComponent(code)}/listings/links`, file);
      setResult(answer);
      setRefusedOnly(answer.failed > 0);
      onUploaded();
    } catch (err) {
      setResult(null);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const lines = useMemo(
    () => (result?.results ?? []).filter((r) => !refusedOnly || r.status === 'error'),
    [result, refusedOnly],
  );
  const download = useMemo(
    () => (result ? URL.createObjectURL(new Blob([resultsCsv(result.results)], { type: 'text/csv' })) : null),
    [result],
  );
  useEffect(
    () => () => {
      if (download) URL.revokeObjectURL(download);
    },
    [download],
  );

  return (
    <>
      <form className="links-upload" onSubmit={(e) => void upload(e)}>
        <Field
          label="Links CSV file"
          error={fileError}
          hint="Columns channel_sku,sku_code — one listing and the Weft SKU code it links to per line"
        >
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(undefined);
            }}
          />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload links'}
        </button>
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {result ? (
        <div className="links-result" data-testid="links-result">
          <Notice kind={result.failed ? 'error' : 'success'}>
            {result.rows} line(s): {result.linked} linked, {result.unchanged} already linked, {result.failed} refused.
          </Notice>
          <div className="actions">
            <label className="field-check">
              <input type="checkbox" checked={refusedOnly} onChange={(e) => setRefusedOnly(e.target.checked)} /> Refused
              lines only
            </label>
            {download ? (
              <a className="button" href={download} download="link-results.csv">
                Download results
              </a>
            ) : null}
          </div>
          <table className="table">
            <caption className="visually-hidden">Result of each line</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Channel SKU</th>
                <th scope="col">Weft SKU</th>
                <th scope="col">Result</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {lines.slice(0, shownLines).map((r) => (
                <tr key={r.line} className={r.status === 'error' ? 'row-trouble' : undefined}>
                  <td data-label="Line" className="num">
                    {r.line}
                  </td>
                  <td data-label="Channel SKU">{r.channelSku || '—'}</td>
                  <td data-label="Weft SKU">{r.skuCode || '—'}</td>
                  <td data-label="Result">
                    <span className={`badge badge-link-${r.status}`}>{resultWords[r.status]}</span>
                  </td>
                  <td data-label="Why">{r.message ?? ''}</td>
                </tr>
              ))}
              {lines.length === 0 ? (
                <tr>
                  <td colSpan={5} className="empty">
                    No lines to show.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {lines.length > shownLines ? (
            <p className="muted small">
              Showing the first {shownLines} of {lines.length} lines; download the results for all.
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
