import { Link } from '../../components/Link.tsx';
import { Notice } from '../../components/Notice.tsx';
import type { FinishResult } from './pack-types.ts';

const names: Record<string, string> = { invoice: 'Open invoice', 'box-labels': 'Open box labels' };

/** After Finish: the invoice and labels to print, or why they are still being made. */
export function PackDone({ result }: { result: FinishResult }) {
  const printable = (result.documents?.documents ?? []).filter((d) => d.kind in names);
  return (
    <div className="pack-done">
      {result.documentsPending ? (
        <Notice kind={result.documentsPending.retrying ? 'info' : 'error'}>
          {result.documentsPending.message}
          {result.documentsPending.retrying ? ' Weft keeps trying; the documents appear on the order page.' : ''}
        </Notice>
      ) : null}
      <div className="print-links">
        {printable.map((d) => (
          <a key={d.id} className="button primary big" href={`/api/documents/${d.id}`} target="_blank" rel="noopener">
            {names[d.kind]} {d.reference}
          </a>
        ))}
        <Link className="button" to={`/orders/${result.orderId}`}>
          Order page
        </Link>
      </div>
    </div>
  );
}
