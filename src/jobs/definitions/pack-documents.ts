import { completePackDocuments } from '../../core/fulfilment/after-pack.ts';
import { sweepPackDocuments } from '../../core/fulfilment/documents-sweep.ts';
import { sweepCreditNotes } from '../../core/credit-notes/sweep.ts';
import { defineJob } from '../registry.ts';

/**
 * Finishes the invoice and labels of a packed order in the background when the marketplace could not
 * be reached at the pack station; retried with backoff until it succeeds or a person looks.
 */
export const packDocumentsJob = defineJob<{ orderId: number; actor: string }>({
  name: 'fulfilment.pack-documents',
  description: 'Invoice and labels of a packed order, retried until the marketplace answers.',
  policy: 'standard',
  retryLimit: 12,
  retryDelaySeconds: 60,
  expireInSeconds: 15 * 60,
  async handler(data, { database, secrets, lookup }) {
    const result = await completePackDocuments({ database, secrets, lookup }, data.orderId, data.actor);
    return { invoice: result.invoice.invoiceNumber, masterAwb: result.shipment.masterAwb };
  },
});

/**
 * Every minute: packed orders still without invoice or labels get them — for instance when the API
 * process died after committing the pack, before it made the documents, so no job was ever queued.
 * Orders packed in the last minute are left to the pack station's own call. Credit notes left without
 * their IRN or PDF (the IRP was down when the return closed) are finished the same way.
 */
export const packDocumentsSweepJob = defineJob<object>({
  name: 'fulfilment.documents-sweep',
  description: 'Finishes the invoice and labels of packed orders that have none.',
  policy: 'singleton',
  retryLimit: 0,
  retryDelaySeconds: 1,
  expireInSeconds: 10 * 60,
  cron: '* * * * *',
  async handler(_data, { database, secrets, lookup, log }) {
    const result = await sweepPackDocuments(
      { database, secrets, lookup },
      { minAgeSeconds: 60, limit: 100, actor: 'system:documents-sweep' },
    );
    if (result.waiting.length) log.warn({ waiting: result.waiting }, 'packed orders still without documents');
    const notes = await sweepCreditNotes(
      { database, secrets, lookup },
      { minAgeSeconds: 60, limit: 100, actor: 'system:documents-sweep' },
    );
    if (notes.waiting.length) log.warn({ waiting: notes.waiting }, 'credit notes still without IRN or PDF');
    return {
      finished: result.finished,
      waiting: result.waiting.length,
      creditNotesFinished: notes.finished,
      creditNotesWaiting: notes.waiting.length,
    };
  },
});
