import { useState } from 'react';
import { ApiError, get, messageOf, post } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { formatDateTime } from '../../format.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import type { MarketplaceInvoice } from './order-types.ts';

/**
 * AJIO's own PDF of the order's invoice while it is not stored: still to fetch, or flagged with why
 * the fetch failed, with "Fetch again" for operators. Once stored it is listed with the documents.
 */
export function MarketplaceInvoiceStatus({ orderId, onStored }: { orderId: number; onStored(): void }) {
  const canOperate = useCan('operator');
  const state = useLoad(async () => {
    try {
      return await get<MarketplaceInvoice>(`/api/orders/${orderId}/marketplace-invoice`);
    } catch (error) {
      // No invoice yet: nothing to say.
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }, [orderId]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const s = state.data;
  if (!s || s.status === 'stored' || s.status === 'none') return null;

  async function fetchAgain() {
    setBusy(true);
    setFailure(null);
    try {
      const now = await post<MarketplaceInvoice>(`/api/orders/${orderId}/marketplace-invoice/fetch`);
      state.reload();
      if (now.status === 'stored') onStored();
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="marketplace-invoice-status">
      {s.status === 'failed' ? (
        <Notice kind="error">
          AJIO's invoice {s.invoiceNumber} is not stored yet: {s.error}
          {s.checkedAt ? ` (last tried ${formatDateTime(s.checkedAt)}, ${s.attempts} attempt(s))` : ''}
        </Notice>
      ) : (
        <p className="muted">AJIO's invoice {s.invoiceNumber} is being fetched.</p>
      )}
      {failure ? <Notice kind="error">{failure}</Notice> : null}
      {canOperate ? (
        <button type="button" onClick={fetchAgain} disabled={busy}>
          {busy ? 'Fetching…' : "Fetch AJIO's invoice again"}
        </button>
      ) : null}
    </div>
  );
}
