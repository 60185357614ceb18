import { formatDateTime } from '../../format.ts';
import type { ManifestDocument } from './manifest-types.ts';
import { documentName } from '../orders/order-types.ts';

const names: Record<string, string> = { 'marketplace-manifest': "AJIO's manifest", manifest: "Weft's manifest" };

/**
 * The manifest's PDFs — AJIO's, as it came with the dispatch, and Weft's handover copy — opened in a new
 * tab where the browser prints them. A copy superseded by a later dispatch is kept, marked void.
 */
export function ManifestDocuments({ documents }: { documents: ManifestDocument[] }) {
  if (documents.length === 0)
    return <p className="muted">No manifest PDFs yet: AJIO's and Weft's are made when the manifest is dispatched.</p>;
  return (
    <ul className="documents">
      {documents.map((d) => (
        <li key={d.id} className={d.voidedAt ? 'document-void' : undefined}>
          <a href={`/api/documents/${d.id}`} target="_blank" rel="noopener">
            Print {names[d.kind] ?? documentName(d.kind)}
          </a>
          <span className="muted small">
            {' '}
            {formatDateTime(d.createdAt)}
            {d.voidedAt ? ` · void: ${d.voidReason ?? ''}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
