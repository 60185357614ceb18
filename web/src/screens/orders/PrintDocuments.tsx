import { useState } from 'react';
import { get, messageOf, post } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import { PrintAll } from '../../components/PrintAll.tsx';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import type { PrintedJob, PrinterSetting } from '../channels/printer-types.ts';
import './print-documents.css';

/**
 * "Print documents": the PO's invoice, then its labels, as one PDF in a new tab; and, when an admin has
 * set a network printer, "Send to printer", which sends that same PDF to it directly.
 */
export function PrintDocuments({ orderId, poNumber }: { orderId: number; poNumber: string }) {
  const canOperate = useCan('operator');
  const printer = useLoad(
    () => (canOperate ? get<PrinterSetting>('/api/settings/printer') : Promise.resolve({ printer: null })),
    [canOperate],
  );
  const [outcome, setOutcome] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const target = printer.data?.printer;

  async function send() {
    setBusy(true);
    setOutcome(null);
    try {
      const job = await post<PrintedJob>(`/api/orders/${orderId}/print`);
      setOutcome({
        kind: 'success',
        text: `Sent ${job.pages} page${job.pages === 1 ? '' : 's'} (${job.bytes.toLocaleString('en-IN')} bytes) to the printer at ${job.printer}.`,
      });
    } catch (error) {
      setOutcome({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="print-documents">
      {outcome ? <Notice kind={outcome.kind}>{outcome.text}</Notice> : null}
      <div className="actions">
        <PrintAll
          primary
          href={`/api/orders/${orderId}/documents.pdf`}
          label="Print documents"
          ariaLabel={`Print documents of PO ${poNumber}`}
          onError={(text) => setOutcome({ kind: 'error', text })}
        />
        {canOperate && target ? (
          <button type="button" disabled={busy} onClick={() => void send()}>
            {busy ? 'Sending…' : `Send to printer (${target.host})`}
          </button>
        ) : null}
      </div>
    </div>
  );
}
