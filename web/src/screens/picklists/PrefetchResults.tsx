import { Notice } from '../../components/Notice.tsx';
import type { PrefetchResult } from './picklist-types.ts';

/** What "Prefetch deliveries" did, PO by PO: the invoice and AWB fetched, skipped (prepack off) or refused. */
export function PrefetchResults({ result, onClose }: { result: PrefetchResult; onClose(): void }) {
  const failed = result.orders.filter((o) => o.error);
  const done = result.orders.filter((o) => o.invoiceNumber);
  return (
    <Notice kind={failed.length ? 'error' : 'success'}>
      <div className="prefetch-head">
        <strong>
          Prefetch of {result.code}: {done.length} of {result.orders.length} PO{result.orders.length === 1 ? '' : 's'}{' '}
          ready with invoice and labels.
        </strong>
        <button type="button" className="link-button" onClick={onClose}>
          Dismiss
        </button>
      </div>
      <table className="table prefetch-results" aria-label={`Prefetch results of ${result.code}`}>
        <thead>
          <tr>
            <th scope="col">PO</th>
            <th scope="col">Result</th>
            <th scope="col">Invoice</th>
            <th scope="col">Master AWB</th>
            <th scope="col">Box to scan</th>
          </tr>
        </thead>
        <tbody>
          {result.orders.map((o) => (
            <tr key={o.poNumber} className={o.error ? 'row-trouble' : undefined}>
              <td data-label="PO">{o.poNumber}</td>
              <td data-label="Result">
                {o.error ? `Refused: ${o.error}` : o.skipped ? `Skipped: ${o.skipped}` : 'Prefetched'}
              </td>
              <td data-label="Invoice">{o.invoiceNumber ?? '—'}</td>
              <td data-label="Master AWB">{o.masterAwb ?? '—'}</td>
              <td data-label="Box to scan">{o.boxCode ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Notice>
  );
}
