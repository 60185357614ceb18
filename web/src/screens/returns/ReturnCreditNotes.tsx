import type { Wire } from '../../../../src/http/responses/common.ts';
import type { creditNote } from '../../../../src/http/responses/credit-notes.ts';
import { get, post } from '../../api.ts';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Section } from '../../components/Section.tsx';
import { formatDateTime, formatRupees } from '../../format.ts';
import { useCan } from '../../session.tsx';
import { useLoad } from '../../use-load.ts';
import { useSubmit } from '../../use-submit.ts';

export type CreditNote = Wire<typeof creditNote>;

/** Where a credit note stands, in the words of the person who prints it. */
function standing(note: CreditNote): string {
  if (note.einvoiceStatus === 'failed')
    return `Not yet registered at the IRP: ${note.einvoiceError ?? 'unknown reason'}`;
  if (note.einvoiceStatus === 'pending') return 'Waiting for its IRN';
  if (!note.documentId) return 'Waiting for its PDF';
  return note.irn ? `Registered: IRN ${note.irn.slice(0, 12)}…` : 'Issued';
}

/**
 * The credit notes of a return: closing a return credits what came back against the invoice. A note whose
 * IRN or PDF could not be made at once says why, and an operator can finish it (the sweep also does).
 */
export function ReturnCreditNotes({ returnId, refresh }: { returnId: number; refresh: number }) {
  const canOperate = useCan('operator');
  const loaded = useLoad(
    () => get<{ items: CreditNote[] }>('/api/credit-notes', { return: String(returnId) }),
    [returnId, refresh],
  );
  const finishing = useSubmit([]);
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  if (loaded.data.items.length === 0) return null;
  const finish = (id: number) =>
    finishing.run(async () => {
      await post(`/api/credit-notes/${id}/finish`);
      loaded.reload();
    });
  return (
    <Section title="Credit notes" description="What came back, credited against the invoice it was sold on.">
      {finishing.failure ? <Notice kind="error">{finishing.failure}</Notice> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Credit note</th>
            <th scope="col">Issued</th>
            <th scope="col">Lines</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {loaded.data.items.map((note) => {
            const finished = note.documentId && note.einvoiceStatus !== 'failed' && note.einvoiceStatus !== 'pending';
            return (
              <tr key={note.id} data-testid={`credit-note-${note.noteNumber}`}>
                <th scope="row" data-label="Credit note">
                  {note.documentId ? (
                    <a href={`/api/documents/${note.documentId}`} target="_blank" rel="noopener">
                      {note.noteNumber}
                    </a>
                  ) : (
                    note.noteNumber
                  )}
                </th>
                <td data-label="Issued">{formatDateTime(note.noteDate)}</td>
                <td data-label="Lines">{note.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}</td>
                <td className="num" data-label="Value">
                  {formatRupees(note.totalPaise)}
                </td>
                <td data-label="State">
                  {standing(note)}{' '}
                  {!finished && canOperate ? (
                    <button type="button" disabled={finishing.busy} onClick={() => void finish(note.id)}>
                      Finish credit note
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}
