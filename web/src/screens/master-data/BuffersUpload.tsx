import { useState } from 'react';
import { messageOf } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { postCsv } from '../mappings/csv-upload.ts';
import { CsvFile } from './CsvFile.tsx';
import type { BufferCsvResult, BufferLineResult } from './master-data-types.ts';

const shownLines = 500;
const words: Record<BufferLineResult['status'], string> = { set: 'Set', unchanged: 'Unchanged', error: 'Refused' };

/** Buffers from a CSV (channel,sku,buffer) across channels, with what happened to every line. */
export function BuffersUpload({ onUploaded }: { onUploaded(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BufferCsvResult | null>(null);

  async function upload() {
    setError(null);
    if (!file) {
      setFileError('Choose the CSV file with the columns channel, sku and buffer.');
      return;
    }
    setBusy(true);
    try {
      setResult(await postCsv<BufferCsvResult>('/api/listing-buffers', file));
      onUploaded();
    } catch (err) {
      setResult(null);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="upload-row">
        <CsvFile
          label="Buffers CSV file"
          hint="Columns channel,sku,buffer — sku is the channel's SKU or a Weft SKU code (all its listings on the channel)"
          error={fileError}
          onFile={(f) => {
            setFile(f);
            setFileError(undefined);
          }}
        />
        <button type="button" className="primary" onClick={() => void upload()} disabled={busy}>
          {busy ? 'Uploading…' : 'Upload buffers'}
        </button>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {result ? (
        <div data-testid="buffers-result">
          <Notice kind={result.failed ? 'error' : 'success'}>
            {result.rows} line(s): {result.set} set, {result.unchanged} unchanged, {result.failed} refused.
          </Notice>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Result of each line</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Channel</th>
                  <th scope="col">SKU</th>
                  <th scope="col" className="num">
                    Buffer
                  </th>
                  <th scope="col">Result</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {result.results.slice(0, shownLines).map((r) => (
                  <tr key={r.line} className={r.status === 'error' ? 'row-trouble' : undefined}>
                    <td data-label="Line" className="num">
                      {r.line}
                    </td>
                    <td data-label="Channel">{r.channel || '—'}</td>
                    <td data-label="SKU">{r.sku || '—'}</td>
                    <td data-label="Buffer" className="num">
                      {r.buffer ?? '—'}
                    </td>
                    <td data-label="Result">
                      <span className={`badge ${r.status === 'error' ? 'badge-line-error' : 'badge-line-ok'}`}>
                        {words[r.status]}
                      </span>
                    </td>
                    <td data-label="Why">
                      {r.message ?? (r.listings > 1 ? `${r.listings} listings of this SKU` : '')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.results.length > shownLines ? (
            <p className="muted small">
              Showing the first {shownLines} of {result.results.length} lines.
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
