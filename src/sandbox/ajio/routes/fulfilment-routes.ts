// Invoice (POST/PUT /orders/b2bInvoice), shipment, dispatch, inventory and returns.
import type { FastifyInstance } from 'fastify';
import { createShipment, dispatch } from '../dispatch.ts';
import { updateInventory } from '../inventory.ts';
import { createInvoice, updateInvoice } from '../invoicing.ts';
import { pageBlock, paging, timeParam, type Query } from '../query.ts';
import { returnJson } from '../returns.ts';
import { baseOf, sellerOf, type RouteDeps } from './context.ts';

export async function fulfilmentRoutes(app: FastifyInstance, deps: RouteDeps) {
  const { state } = deps;

  app.post('/orders/b2bInvoice', async (request) =>
    createInvoice(sellerOf(request), state.now(), baseOf(request, deps), request.body),
  );
  app.put('/orders/b2bInvoice', async (request) =>
    updateInvoice(sellerOf(request), state.now(), baseOf(request, deps), request.body),
  );
  app.post('/orders/shipment', async (request) =>
    createShipment(sellerOf(request), state.now(), baseOf(request, deps), request.body),
  );
  app.post('/orders/dispatch', async (request) =>
    dispatch(sellerOf(request), state.now(), baseOf(request, deps), request.body),
  );
  app.post('/updateInventory', async (request) =>
    updateInventory(sellerOf(request), state.now(), request.body, state.faults),
  );

  app.get('/returns', async (request) => {
    const q = request.query as Query;
    const seller = sellerOf(request);
    const page = paging(q);
    const from = timeParam(q, 'createdFrom');
    const to = timeParam(q, 'createdTo');
    const all = seller.returns.filter(
      (r) => (from === undefined || r.createdAt >= from) && (to === undefined || r.createdAt <= to),
    );
    const start = (page.number - 1) * page.size;
    return { returns: all.slice(start, start + page.size).map(returnJson), page: pageBlock(page, all.length) };
  });
}
