import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelDescriptor } from '../../channels/registry.ts';
import { invoicesWithIrnToSettle, supersedeInvoice } from '../../core/fulfilment/supersede-invoice.ts';
import { id64Param, text } from '../../core/schema-types.ts';
import { CANCEL_REASONS } from '../../einvoice/index.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { invoice } from '../responses/pack.ts';

/** Superseding an invoice (its IRN cancelled at the IRP within 24 h, or flagged) and the flags left for the accountant. */
export async function invoiceRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const deps = { database, secrets, lookup: channelDescriptor };
  const reasons = Object.keys(CANCEL_REASONS) as [keyof typeof CANCEL_REASONS, ...(keyof typeof CANCEL_REASONS)[]];

  app.post(
    '/api/invoices/:id/supersede',
    {
      config: { role: 'admin' },
      schema: {
        summary:
          "Supersede an invoice the marketplace's account manager cancelled: void it and its PDF (kept), and cancel its IRN at the IRP within 24 hours — or flag it for the accountant past that. Asking again retries the IRN only.",
        tags: ['documents'],
        params: z.object({ id: id64Param('invoice id') }),
        body: z.object({
          reason: z.enum(reasons, `Give the reason as one of ${reasons.join(', ')}.`),
          remark: text({ max: 100, min: 3, minMessage: 'Say why in a few words (3 to 100 characters).' }),
        }),
        response: answers({ 200: invoice }),
      },
    },
    async (request) => supersedeInvoice(deps, request.params.id, request.body, actorOf(request)),
  );

  app.get(
    '/api/invoices/irn-to-settle',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Superseded invoices whose IRN still stands at the IRP (past the 24-hour window, or refused), with the reason: for the accountant',
        tags: ['documents'],
        response: answers({ 200: z.object({ items: z.array(invoice) }) }),
      },
    },
    async () => ({ items: await invoicesWithIrnToSettle(deps) }),
  );
}
