import { channelDescriptor } from '../../channels/registry.ts';
import { completePackDocuments } from '../../core/fulfilment/after-pack.ts';
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
  async handler(data, { database, secrets }) {
    const result = await completePackDocuments({ database, secrets, lookup: channelDescriptor }, data.orderId, data.actor);
    return { invoice: result.invoice.invoiceNumber, masterAwb: result.shipment.masterAwb };
  },
});
