import { Link } from '../../components/Link.tsx';
import type { FinishResult } from './pack-types.ts';
import { PrintDocuments } from './PrintDocuments.tsx';

/**
 * After Finish: the one print button when the invoice and labels are made. When they are not, the
 * station's amber answer says why and the order waits on the shelf below: nothing to print yet.
 */
export function PackDone({ result }: { result: FinishResult }) {
  return (
    <div className="pack-done">
      <div className="print-links">
        {result.documents && !result.documentsPending ? (
          <PrintDocuments orderId={result.orderId} poNumber={result.poNumber} big />
        ) : (
          <p className="pack-held">
            PO {result.poNumber} is on the shelf below until its invoice is issued: nothing to print yet.
          </p>
        )}
        <Link className="button" to={`/orders/${result.orderId}`}>
          Order page
        </Link>
      </div>
    </div>
  );
}
