import { useState } from 'react';
import { messageOf, post } from '../../api.ts';
import { PrintAll } from '../../components/PrintAll.tsx';
import { useCan } from '../../session.tsx';
import { nextStep, pdfOf, type PicklistStatus, type PrefetchResult } from './picklist-types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';

interface PicklistActionsProps {
  picklist: { code: string; status: PicklistStatus; prepack: boolean };
  /** After the status moved on. */
  onChanged(): void;
  onPrefetched(result: PrefetchResult): void;
  onError(message: string): void;
  /** "Print all": the prefetched POs' invoices and labels as one PDF (the picklist page, once prefetched). */
  printAll?: boolean;
}

/**
 * "Print all" (on the picklist page, once prefetched: every PO's invoice and labels in one PDF),
 * Print (the PDF in a new tab, where the browser prints it), "Prefetch deliveries" (pending picklists
 * of a channel with prepack on) and the one next status the API allows. A viewer only prints.
 */
export function PicklistActions({ picklist, onChanged, onPrefetched, onError, printAll }: PicklistActionsProps) {
  const canOperate = useCan('operator');
  const [busy, setBusy] = useState<string | null>(null);
  const step = nextStep[picklist.status];

  async function run(what: string, action: () => Promise<void>) {
    setBusy(what);
    try {
      await action();
    } catch (error) {
      onError(messageOf(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="actions picklist-actions">
      {printAll ? (
        <PrintAll
          primary
          href={`/api/picklists/${encodeURIComponent(picklist.code)}/documents.pdf`}
          label="Print all"
          ariaLabel={`Print all invoices and labels of ${picklist.code}`}
          onError={onError}
        />
      ) : null}
      <a
        className="button"
        href={pdfOf(picklist.code)}
        target="_blank"
        rel="noopener"
        aria-label={`Print picklist ${picklist.code}`}
      >
        Print
      </a>
      {canOperate && picklist.status === 'pending' && picklist.prepack ? (
        <button
          type="button"
          disabled={busy !== null}
          onClick={() =>
            void run('prefetch', async () =>
              onPrefetched(await post<PrefetchResult>(`/api/picklists/${picklist.code}/prefetch`)),
            )
          }
        >
          {busy === 'prefetch' ? 'Prefetching…' : 'Prefetch deliveries'}
        </button>
      ) : null}
      {canOperate && step?.to === 'closed' ? (
        <ConfirmButton
          className="primary"
          disabled={busy !== null}
          busy={busy !== null}
          question={`Close picklist ${picklist.code}? A closed picklist cannot be picked again.`}
          confirmLabel="Close picklist"
          keepLabel="Keep it open"
          onConfirm={() =>
            run('status', async () => {
              await post(`/api/picklists/${picklist.code}/status`, { status: step.to });
              onChanged();
            })
          }
        >
          {busy === 'status' ? 'Saving…' : step.label}
        </ConfirmButton>
      ) : canOperate && step ? (
        <button
          type="button"
          className="primary"
          disabled={busy !== null}
          onClick={() =>
            void run('status', async () => {
              await post(`/api/picklists/${picklist.code}/status`, { status: step.to });
              onChanged();
            })
          }
        >
          {busy === 'status' ? 'Saving…' : step.label}
        </button>
      ) : null}
    </div>
  );
}
