import { formatDateTime } from '../../format.ts';
import { documentNames, type DocumentInfo } from './order-types.ts';

/** The order's PDFs, opened in a new tab where the browser's own viewer prints them. */
export function Documents({ documents }: { documents: DocumentInfo[] }) {
  if (documents.length === 0)
    return <p className="muted">No documents yet: the invoice and box labels are made when packing finishes.</p>;
  return (
    <ul className="documents">
      {documents.map((d) => (
        <li key={d.id}>
          <a href={`/api/documents/${d.id}`} target="_blank" rel="noopener">
            {documentNames[d.kind] ?? d.kind} {d.reference}
          </a>
          <span className="muted small"> {formatDateTime(d.createdAt)}</span>
        </li>
      ))}
    </ul>
  );
}
