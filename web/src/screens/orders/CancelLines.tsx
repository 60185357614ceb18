import { useState, type FormEvent } from 'react';
import { ApiError, messageOf, post } from '../../api.ts';
import { TextField } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import type { OrderDetail } from './order-types.ts';
import { ConfirmBar } from '../../components/ConfirmButton.tsx';

interface CancelOutcome {
  repeated: boolean;
  lines: { lineId: number; externalLineId: string; quantity: number; cancelled: boolean; error?: string }[];
}

/**
 * Cancel some units of some lines, with a reason, at the marketplace. What AJIO refuses (for
 * instance after the invoice) comes back with its reason and is shown as it is.
 */
export function CancelLines({ order, onDone }: { order: OrderDetail; onDone(): void }) {
  const open = order.lines.filter((l) => l.remaining > 0);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{
    kind: 'success' | 'error';
    text: string;
    lines?: CancelOutcome['lines'];
  } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The checked lines waiting for "Cancel at AJIO" in the confirm step; null while not asking. */
  const [asking, setAsking] = useState<{ lineId: number; quantity: number }[] | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const lines = open.flatMap((l) => {
      const text = quantities[l.id]?.trim() ?? '';
      if (!text) return [];
      const quantity = Number(text);
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > l.remaining) {
        problems[`line-${l.id}`] = `Give a whole number from 1 to ${l.remaining}.`;
        return [];
      }
      return [{ lineId: l.id, quantity }];
    });
    if (!reason.trim()) problems.reason = 'Give the reason for the cancellation.';
    if (lines.length === 0 && Object.keys(problems).every((k) => k === 'reason'))
      problems.lines = 'Give how many units to cancel on at least one line.';
    setErrors(problems);
    setResult(null);
    if (Object.keys(problems).length) return;
    setAsking(lines);
  }

  const described = (lines: { lineId: number; quantity: number }[]) =>
    lines
      .map(({ lineId, quantity }) => {
        const line = open.find((l) => l.id === lineId);
        return `${quantity} × ${line?.skuCode ?? line?.channelSku ?? lineId}`;
      })
      .join(', ');

  async function cancel(lines: { lineId: number; quantity: number }[]) {
    setAsking(null);
    setBusy(true);
    try {
      const outcome = await post<CancelOutcome>(`/api/orders/${order.id}/cancel`, { reason: reason.trim(), lines });
      const refused = outcome.lines.filter((l) => !l.cancelled);
      setResult(
        refused.length
          ? { kind: 'error', text: 'AJIO refused some lines:', lines: refused }
          : {
              kind: 'success',
              text: outcome.repeated
                ? 'This cancellation had already been sent; nothing was sent again.'
                : 'Cancelled at AJIO.',
            },
      );
      setQuantities({});
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.field === 'reason') setErrors({ reason: error.byField().reason });
      else setResult({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  if (open.length === 0) return <p className="muted">No open units are left to cancel.</p>;
  return (
    <form onSubmit={submit} noValidate className="cancel-lines">
      {result ? (
        <Notice kind={result.kind}>
          {result.text}
          {result.lines ? (
            <ul>
              {result.lines.map((l) => (
                <li key={l.lineId}>
                  {l.externalLineId}: {l.error}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      {errors.lines ? (
        <p className="field-error" role="alert">
          {errors.lines}
        </p>
      ) : null}
      <div className="grid">
        {open.map((l) => (
          <TextField
            key={l.id}
            label={`Cancel units of ${l.skuCode ?? l.channelSku} (open ${l.remaining})`}
            name={`cancel-${l.id}`}
            type="number"
            value={quantities[l.id] ?? ''}
            onChange={(v) => setQuantities((q) => ({ ...q, [l.id]: v }))}
            error={errors[`line-${l.id}`]}
          />
        ))}
      </div>
      <TextField
        label="Reason"
        name="reason"
        value={reason}
        onChange={setReason}
        error={errors.reason}
        placeholder="Such as: out of stock"
      />
      {asking ? (
        <ConfirmBar
          question={`Cancel ${described(asking)} of PO ${order.poNumber} at AJIO? This cannot be undone.`}
          confirmLabel="Cancel at AJIO"
          keepLabel="Keep the units"
          busy={busy}
          onConfirm={() => void cancel(asking)}
          onKeep={() => setAsking(null)}
        />
      ) : (
        <button type="submit" className="danger" disabled={busy}>
          {busy ? 'Cancelling…' : 'Cancel these units'}
        </button>
      )}
    </form>
  );
}
