import type { StockBatch } from './inventory-types.ts';
import { Notice } from '../../components/Notice.tsx';

const statusWords: Record<StockBatch['status'], string> = {
  preview: 'Checked — nothing applied yet',
  applied: 'Applied',
  replayed: 'Already imported — nothing changed',
};

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** What a checked or applied batch of counts found: the bad lines with all their problems, and the changes. */
export function StockImportResult({ batch }: { batch: StockBatch }) {
  const kind = batch.status === 'applied' && batch.failed === 0 ? 'success' : batch.failed ? 'error' : 'info';
  return (
    <div className="stock-import-result" data-testid="stock-import-result">
      <h2>{statusWords[batch.status]}</h2>
      <Notice kind={kind}>{batch.message}</Notice>
      <dl className="facts stock-import-facts">
        <div>
          <dt>Reference</dt>
          <dd>{batch.reference}</dd>
        </div>
        <div>
          <dt>Lines</dt>
          <dd>{batch.lines}</dd>
        </div>
        <div>
          <dt>Good</dt>
          <dd>{batch.valid}</dd>
        </div>
        <div>
          <dt>Refused</dt>
          <dd>{batch.failed}</dd>
        </div>
        <div>
          <dt>{batch.status === 'preview' ? 'Would change' : 'Changed'}</dt>
          <dd>{batch.changed}</dd>
        </div>
      </dl>
      {batch.errors.length ? (
        <table className="table">
          <caption>Refused lines{batch.failed > batch.errors.length ? ` (first ${batch.errors.length})` : ''}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Warehouse</th>
              <th scope="col">SKU</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {batch.errors.map((e) => (
              <tr key={e.line} className="row-trouble">
                <td data-label="Line" className="num">
                  {e.line}
                </td>
                <td data-label="Warehouse">{e.warehouse || '—'}</td>
                <td data-label="SKU">{e.sku || '—'}</td>
                <td data-label="Problems">
                  <ul className="line-problems">
                    {e.errors.map((p) => (
                      <li key={`${p.field}:${p.message}`}>{p.message}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {batch.changes.length ? (
        <table className="table">
          <caption>
            {batch.status === 'preview' ? 'What would change' : 'What changed'}
            {batch.changed > batch.changes.length ? ` (first ${batch.changes.length})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Warehouse</th>
              <th scope="col">SKU</th>
              <th scope="col" className="num">
                On hand before
              </th>
              <th scope="col" className="num">
                Counted
              </th>
              <th scope="col" className="num">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {batch.changes.map((c) => (
              <tr key={c.line}>
                <td data-label="Line" className="num">
                  {c.line}
                </td>
                <td data-label="Warehouse">{c.warehouse}</td>
                <td data-label="SKU">{c.sku}</td>
                <td data-label="On hand before" className="num">
                  {c.before}
                </td>
                <td data-label="Counted" className="num">
                  {c.counted}
                </td>
                <td data-label="Difference" className="num">
                  {signed(c.delta)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
