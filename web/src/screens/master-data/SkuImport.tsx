import { useState } from 'react';
import { messageOf } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { postCsv } from '../mappings/csv-upload.ts';
import { CsvFile } from './CsvFile.tsx';
import type { SkuImportResult } from './master-data-types.ts';

const shownLines = 500;

/**
 * The SKU master from CSV in two steps: Check the file (every line judged as the import would, nothing
 * written), then Apply it. Both answer per line: which lines are refused and why.
 */
export function SkuImport({ onApplied }: { onApplied(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ applied: boolean; answer: SkuImportResult } | null>(null);

  async function send(apply: boolean) {
    setError(null);
    if (!file) {
      setFileError('Choose the SKU master CSV file.');
      return;
    }
    setBusy(apply ? 'apply' : 'check');
    try {
      const answer = await postCsv<SkuImportResult>(`/api/skus/import${apply ? '' : '?dryRun=true'}`, file);
      setResult({ applied: apply, answer });
      if (apply) onApplied();
    } catch (err) {
      setResult(null);
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  const answer = result?.answer;
  return (
    <>
      <div className="upload-row">
        <CsvFile
          label="SKU master CSV file"
          hint="Columns code,ean,name,brand,style,size,colour,hsn,mrp,active — code, name and mrp (in rupees) required"
          error={fileError}
          onFile={(f) => {
            setFile(f);
            setFileError(undefined);
            setResult(null);
          }}
        />
        <button type="button" onClick={() => void send(false)} disabled={busy !== null}>
          {busy === 'check' ? 'Checking…' : 'Check file'}
        </button>
        <button type="button" className="primary" onClick={() => void send(true)} disabled={busy !== null}>
          {busy === 'apply' ? 'Importing…' : 'Apply import'}
        </button>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {answer ? (
        <div data-testid="sku-import-result">
          <Notice kind={answer.failed ? 'error' : 'success'}>
            {result.applied
              ? `Imported ${answer.rows} line(s): ${answer.inserted} new, ${answer.updated} updated, ${answer.failed} refused.`
              : `Checked ${answer.rows} line(s), nothing written yet: ${answer.inserted} would be new, ${answer.updated} updated, ${answer.failed} refused. Apply the import to write the good lines.`}
          </Notice>
          {answer.errors.length ? (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Refused lines</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Line
                    </th>
                    <th scope="col">SKU code</th>
                    <th scope="col">Result</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.errors.slice(0, shownLines).map((e) => (
                    <tr key={e.line} className="row-trouble">
                      <td data-label="Line" className="num">
                        {e.line}
                      </td>
                      <td data-label="SKU code">{e.code || '—'}</td>
                      <td data-label="Result">
                        <span className="badge badge-line-error">Refused</span>
                      </td>
                      <td data-label="Why">{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {answer.failed > answer.errors.length ? (
            <p className="muted small">
              Showing the first {answer.errors.length} of {answer.failed} refused lines.
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
