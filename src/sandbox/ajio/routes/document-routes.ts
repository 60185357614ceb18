// PDFs behind label_url, manifestUrl, po_pdf_url and invoice_url. They need the same apiKey
// (and count against the throttle) like every other call.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { renderInvoice, renderLabels, renderManifest, renderPurchaseOrder } from '../documents.ts';
import { notFound } from '../errors.ts';
import { uploadedInvoicePdfs } from '../invoicing.ts';
import { sellerOf, type RouteDeps } from './context.ts';

const stripPdf = (file: string) => file.replace(/\.pdf$/i, '');

function sendPdf(reply: FastifyReply, name: string, pdf: Buffer) {
  return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);
}

export async function documentRoutes(app: FastifyInstance, deps: RouteDeps) {
  const cache = deps.state.documents;
  const cached = async (key: string, render: () => Promise<Buffer>) => {
    let pdf = cache.get(key);
    if (!pdf) {
      pdf = await render();
      if (cache.size > 500) cache.clear();
      cache.set(key, pdf);
    }
    return pdf;
  };

  app.get('/documents/labels/:file', async (request, reply) => {
    const seller = sellerOf(request);
    const poNo = stripPdf((request.params as { file: string }).file);
    const po = seller.posByNumber.get(poNo);
    if (!po?.shipment) throw notFound(`no labels for PO ${poNo}`);
    return sendPdf(
      reply,
      `labels-${poNo}`,
      await cached(`${seller.idPrefix}:label:${poNo}`, () => renderLabels(seller, po)),
    );
  });

  app.get('/documents/manifests/:file', async (request, reply) => {
    const seller = sellerOf(request);
    const id = stripPdf((request.params as { file: string }).file);
    const m = seller.manifests.get(id);
    if (!m) throw notFound(`no manifest ${id}`);
    return sendPdf(
      reply,
      `manifest-${id}`,
      await cached(`${seller.idPrefix}:manifest:${id}`, () => renderManifest(seller, m)),
    );
  });

  app.get('/documents/po/:file', async (request, reply) => {
    const seller = sellerOf(request);
    const poNo = stripPdf((request.params as { file: string }).file);
    const po = seller.posByNumber.get(poNo);
    if (!po) throw notFound(`no PO ${poNo}`);
    return sendPdf(reply, `po-${poNo}`, await renderPurchaseOrder(seller, po)); // status changes: not cached
  });

  app.get('/documents/invoices/:file', async (request, reply) => {
    const seller = sellerOf(request);
    const number = stripPdf((request.params as { file: string }).file);
    const po = seller.pos.find((p) => p.invoice?.number === number);
    if (!po) throw notFound(`no invoice ${number}`);
    const uploaded = uploadedInvoicePdfs.get(seller)?.get(number);
    return sendPdf(
      reply,
      `invoice-${number.replace(/[^A-Za-z0-9-]/g, '_')}`,
      uploaded ?? (await renderInvoice(seller, po)),
    );
  });
}
