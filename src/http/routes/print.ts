import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { id64Param, key } from '../../core/schema-types.ts';
import { channelDescriptor } from '../../channels/registry.ts';
import {
  manifestPrintBundle,
  orderPrintBundle,
  picklistPrintBundle,
  type PrintBundle,
} from '../../core/documents/print-bundle.ts';
import { getPrinter, printerSchema, removePrinter, savePrinter, sendRaw } from '../../core/documents/printer.ts';
import { AppError } from '../../core/errors.ts';
import { actorOf } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { answers, noContent } from '../responses/common.ts';
import { printBundleFile, printedJob, printerSetting } from '../responses/print.ts';

const fileSafe = (value: string) => value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'documents';

/**
 * Printing in one go: one PDF per PO, per prefetched picklist and per manifest (core/documents/print-bundle.ts),
 * the network printer setting, and sending a PO's PDF straight to that printer.
 */
export async function printRoutes(base: FastifyInstance, { database }: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = database.db;

  const send = (reply: FastifyReply, bundle: PrintBundle) =>
    reply
      .type('application/pdf')
      .header('content-length', String(bundle.pdf.length))
      .header('content-disposition', `inline; filename="${fileSafe(bundle.name)}.pdf"`)
      .header('x-weft-document-ids', bundle.documentIds.join(','))
      .header('x-weft-pages', String(bundle.pages))
      .send(bundle.pdf);

  app.get(
    '/api/orders/:id/documents.pdf',
    {
      config: { role: 'viewer' },
      schema: {
        summary: "A PO's documents as one PDF: its invoice, then its shipping labels (409 naming what is missing)",
        tags: ['documents'],
        params: z.object({ id: id64Param('order id') }),
        response: answers({ 200: printBundleFile }),
      },
    },
    async (request, reply) => send(reply, await orderPrintBundle(db, request.params.id)),
  );

  app.get(
    '/api/picklists/:code/documents.pdf',
    {
      config: { role: 'viewer' },
      schema: {
        summary:
          "A prefetched picklist's documents as one PDF: each prefetched PO's invoice and labels, in picklist order (409 naming the POs that lack any)",
        tags: ['documents'],
        params: z.object({ code: key('picklist code') }),
        response: answers({ 200: printBundleFile }),
      },
    },
    async (request, reply) => send(reply, await picklistPrintBundle(db, request.params.code, channelDescriptor)),
  );

  app.get(
    '/api/manifests/:code/documents.pdf',
    {
      config: { role: 'viewer' },
      schema: {
        summary: "A manifest's documents as one PDF: Weft's manifest, then the marketplace's (409 before dispatch)",
        tags: ['documents'],
        params: z.object({ code: key('manifest code') }),
        response: answers({ 200: printBundleFile }),
      },
    },
    async (request, reply) => send(reply, await manifestPrintBundle(db, request.params.code)),
  );

  app.get(
    '/api/settings/printer',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The network printer for "Send to printer" (null when none is set)',
        tags: ['documents'],
        response: answers({ 200: printerSetting }),
      },
    },
    async () => ({ printer: await getPrinter(db) }),
  );

  app.put(
    '/api/settings/printer',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Set the network printer: host, port (9100) and format (pdf; ZPL is not available)',
        tags: ['documents'],
        body: printerSchema,
        response: answers({ 200: printerSetting }),
      },
    },
    async (request) => ({ printer: await savePrinter(db, request.body, actorOf(request)) }),
  );

  app.delete(
    '/api/settings/printer',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Forget the network printer ("Send to printer" is then not offered)',
        tags: ['documents'],
        response: answers({ 204: noContent }),
      },
    },
    async (request, reply) => {
      await removePrinter(db, actorOf(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/orders/:id/print',
    {
      config: { role: 'operator' },
      schema: {
        summary: "Send a PO's documents (the same PDF as documents.pdf) to the network printer over raw port printing",
        tags: ['documents'],
        params: z.object({ id: id64Param('order id') }),
        response: answers({ 200: printedJob }),
      },
    },
    async (request) => {
      const printer = await getPrinter(db);
      if (!printer) {
        throw new AppError(
          'conflict',
          'No printer is set: an admin sets one under Settings → Printer; until then open the PDF and print it from the browser.',
        );
      }
      const bundle = await orderPrintBundle(db, request.params.id);
      const bytes = await sendRaw(printer.host, printer.port, bundle.pdf);
      return {
        printer: `${printer.host}:${printer.port}`,
        bytes,
        pages: bundle.pages,
        documentIds: bundle.documentIds,
      };
    },
  );
}
