import { formatDateTime } from '../../format.ts';
import { documentName, documentRank, type DocumentInfo } from './order-types.ts';

/** The order's PDFs, opened in a new tab where the browser's own viewer prints them; AJIO's beside Weft's. */
export function Documents({ documents }: { documents: DocumentInfo[] }) {
  if (documents.length === 0)
    return <p className="muted">No documents yet: the invoice and box labels are made when packing finishes.</p>;
  const sorted = [...documents].sort((a, b) => documentRank(a.kind) - documentRank(b.kind));
  return (
    <ul className="documents">
      {sorted.map((d) => (
        <li key={d.id}>
          <a href={`/api/documents/${d.id}`} target="_blank" rel="noopener">
            {documentName(d.kind)} {d.reference}
          </a>
          <span className="muted small"> {formatDateTime(d.createdAt)}</span>
        </li>
      ))}
    </ul>
  );
}
