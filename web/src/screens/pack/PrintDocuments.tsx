/**
 * Printing in one go: one PDF per PO, its invoice then its box labels, opened once in one tab (so one
 * print dialog), from GET /api/orders/:id/documents.pdf.
 */
export function PrintDocuments({
  orderId,
  poNumber,
  big = false,
}: {
  orderId: number;
  poNumber: string;
  big?: boolean;
}) {
  return (
    <a
      className={big ? 'button primary big' : 'button primary'}
      href={`/api/orders/${orderId}/documents.pdf`}
      target="_blank"
      rel="noopener"
      aria-label={`Print invoice and labels of PO ${poNumber}`}
      data-testid="print-documents"
    >
      Print invoice and labels
    </a>
  );
}
