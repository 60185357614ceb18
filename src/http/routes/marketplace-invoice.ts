import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelDescriptor } from '../../channels/registry.ts';
import { marketplaceInvoiceOf, retryMarketplaceInvoice } from '../../core/fulfilment/marketplace-invoice.ts';
import { notFound } from '../../core/errors.ts';
import { id64Param } from '../../core/schema-types.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { marketplaceInvoice } from '../responses/pack.ts';

/** The marketplace's own invoice PDF of an order: whether it is stored, why not, and "fetch again". */
export async function marketplaceInvoiceRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const deps = { database, secrets, lookup: channelDescriptor };
  const params = z.object({ id: id64Param('order id') });

  app.get(
    '/api/orders/:id/marketplace-invoice',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          "The marketplace's own PDF of the order's invoice: stored (with its document id), pending, or failed with the reason",
        tags: ['orders'],
        params,
        response: answers({ 200: marketplaceInvoice }),
      },
    },
    async (request) => {
      const state = await marketplaceInvoiceOf(deps, request.params.id);
      if (!state) throw notFound(`Order ${request.params.id} has no invoice yet.`);
      return state;
    },
  );

  app.post(
    '/api/orders/:id/marketplace-invoice/fetch',
    {
      config: { role: 'operator' },
      schema: {
        summary: "Fetches the marketplace's invoice PDF again now (after a failure); stored once, however often asked",
        tags: ['orders'],
        params,
        response: answers({ 200: marketplaceInvoice }),
      },
    },
    async (request) => retryMarketplaceInvoice(deps, request.params.id, actorOf(request)),
  );
}
