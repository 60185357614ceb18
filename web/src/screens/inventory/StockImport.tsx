import { useState, type FormEvent } from 'react';
import { messageOf, withQuery } from '../../api.ts';
import { Field, TextField } from '../../components/Field.tsx';
import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../router.ts';
import { postCsv } from '../mappings/csv-upload.ts';
import type { StockBatch } from './inventory-types.ts';
import { StockImportResult } from './StockImportResult.tsx';
import './inventory.css';

/**
 * Opening stock and cycle counts from a CSV (warehouse,sku,quantity[,reason]): the file is checked
 * first (every bad line with all its problems, and what would change), then applied. Applying the
 * same file again changes nothing: Weft knows it by its reference, or by its content.
 */
export function StockImport() {
  useTitle('Import stock counts');
  const [file, setFile] = useState<File | null>(null);
  const [reference, setReference] = useState('');
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [batch, setBatch] = useState<StockBatch | null>(null);

  const send = (preview: boolean, chosen: File, ref: string) =>
    postCsv<StockBatch>(withQuery('/api/stock/imports', { preview: preview ? 1 : undefined, reference: ref }), chosen);

  async function check(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBatch(null);
    if (!file) {
      setFileError('Choose the CSV file of counts: warehouse,sku,quantity and optionally reason.');
      return;
    }
    setBusy('check');
    try {
      setBatch(await send(true, file, reference.trim()));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  async function apply() {
    if (!file || !batch) return;
    setError(null);
    setBusy('apply');
    try {
      // The reference the check used (the file's hash when none was typed), so a changed file is refused.
      setBatch(await send(false, file, batch.reference));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  const canApply = batch?.status === 'preview' && batch.valid > 0;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Import stock counts</h1>
          <p className="muted">
            Opening stock or a cycle count: each line sets what is on hand for a warehouse and SKU to the number
            counted, and the ledger records the difference as a count movement.
          </p>
        </div>
        <div className="actions">
          <Link to="/inventory" className="button">
            Back to inventory
          </Link>
        </div>
      </div>
      <form className="stock-import" onSubmit={(e) => void check(e)} noValidate>
        <div className="grid">
          <Field
            label="Counts CSV file"
            error={fileError}
            hint="Header warehouse,sku,quantity,reason — codes as in Weft, whole units counted, reason optional"
          >
            <input
              type="file"
              name="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileError(undefined);
                setBatch(null);
              }}
            />
          </Field>
          <TextField
            label="Reference"
            name="reference"
            value={reference}
            onChange={(value) => {
              setReference(value);
              setBatch(null);
            }}
            hint="Optional, such as COUNT-2026-12-03. Without one the file is known by its content."
          />
        </div>
        <div className="actions">
          <button type="submit" className={canApply ? undefined : 'primary'} disabled={busy !== null}>
            {busy === 'check' ? 'Checking…' : 'Check file'}
          </button>
          {canApply ? (
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void apply()}>
              {busy === 'apply' ? 'Applying…' : `Apply ${batch.valid.toLocaleString('en-IN')} line(s)`}
            </button>
          ) : null}
        </div>
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {batch ? <StockImportResult batch={batch} /> : null}
    </>
  );
}
