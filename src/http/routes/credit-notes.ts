import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelDescriptor } from '../../channels/registry.ts';
import { finishCreditNote } from '../../core/credit-notes/finish.ts';
import { getCreditNote, listCreditNotes } from '../../core/credit-notes/read.ts';
import { invalid } from '../../core/errors.ts';
import { gstRegister, gstRegisterCsv } from '../../core/gst-register.ts';
import { calendarDate, id64Param, key } from '../../core/schema-types.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';
import { creditNote, creditNoteList, gstRegister as gstRegisterAnswer } from '../responses/credit-notes.ts';
import { csvFile } from '../responses/inventory.ts';

/**
 * Credit notes (made when a return closes; listed, read, and finished again when their IRN or PDF
 * could not be made at once) and the GST register of invoices and credit notes for the accountant.
 */
export async function creditNoteRoutes(base: FastifyInstance, { database, secrets }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const deps = { database, secrets, lookup: channelDescriptor };
  const range = z.object({
    from: calendarDate('Give from as YYYY-MM-DD (the first IST day included).'),
    to: calendarDate('Give to as YYYY-MM-DD (the first IST day not included).'),
  });
  const checked = (q: { from: string; to: string }) => {
    if (q.to <= q.from)
      throw invalid(`The range ends (${q.to}) before or where it starts (${q.from}): give a later "to".`, 'to');
    return q;
  };

  app.get(
    '/api/credit-notes',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'Credit notes dated in [from, to) (IST days) or of one return, optionally of one channel, oldest first',
        tags: ['returns'],
        querystring: z.object({
          from: range.shape.from.optional(),
          to: range.shape.to.optional(),
          channel: key('channel code').optional(),
          return: id64Param('return id').optional(),
        }),
        response: answers({ 200: creditNoteList }),
      },
    },
    async (request) => {
      const { return: returnId, from, to, channel } = request.query;
      // A return's notes need no dates; any other listing is for a range of days.
      if (!returnId && (!from || !to))
        throw invalid('Give from and to (YYYY-MM-DD), or the return.', from ? 'to' : 'from');
      const range = from && to ? checked({ from, to }) : {};
      return { items: await listCreditNotes(database.db, { ...range, channel, returnId }) };
    },
  );

  app.get(
    '/api/credit-notes/:id',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'One credit note: its lines, totals, IRN and PDF document',
        tags: ['returns'],
        params: z.object({ id: id64Param('credit note id') }),
        response: answers({ 200: creditNote }),
      },
    },
    async (request) => getCreditNote(database.db, request.params.id),
  );

  app.post(
    '/api/credit-notes/:id/finish',
    {
      config: { role: 'operator' },
      schema: {
        summary:
          'Finish a credit note whose IRN or PDF could not be made when its return closed (does only what is left)',
        tags: ['returns'],
        params: z.object({ id: id64Param('credit note id') }),
        response: answers({ 200: creditNote }),
      },
    },
    async (request) => finishCreditNote(deps, request.params.id, actorOf(request)),
  );

  app.get(
    '/api/gst-register',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          'The GST register: invoices and credit notes dated in [from, to), one row per document, HSN and rate, with totals',
        tags: ['documents'],
        querystring: range,
        response: answers({ 200: gstRegisterAnswer }),
      },
    },
    async (request) => gstRegister(deps, checked(request.query)),
  );

  app.get(
    '/api/gst-register.csv',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The GST register as CSV (amounts in rupees with paise)',
        tags: ['documents'],
        querystring: range,
        response: answers({ 200: csvFile }),
      },
    },
    async (request, reply) => {
      const q = checked(request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="gst-register-${q.from}-to-${q.to}.csv"`)
        .send(gstRegisterCsv(await gstRegister(deps, q)));
    },
  );
}
