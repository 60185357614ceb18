import { fetchPendingMarketplaceInvoices } from '../../core/fulfilment/marketplace-invoice.ts';
import { defineJob } from '../registry.ts';

/**
 * Every five minutes: the marketplace's invoice PDFs that are not stored yet (the fetch after the pack
 * failed, or never ran) are fetched again, each on its own back-off.
 */
export const marketplaceInvoicesJob = defineJob<object>({
  name: 'fulfilment.marketplace-invoices',
  description: "Fetches the marketplace's invoice PDFs that are still missing.",
  policy: 'singleton',
  retryLimit: 0,
  retryDelaySeconds: 1,
  expireInSeconds: 10 * 60,
  cron: '*/5 * * * *',
  async handler(_data, { database, secrets, lookup, log }) {
    const result = await fetchPendingMarketplaceInvoices(
      { database, secrets, lookup },
      { limit: 50, actor: 'system:marketplace-invoices' },
    );
    if (result.failed) log.warn(result, 'marketplace invoice PDFs still missing');
    return result;
  },
});
