// GET /products and GET /productsCount: AJIO's listings with its current stock view.
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.ts';
import { pageBlock, paging, queryValue, type Query } from '../query.ts';
import type { Product } from '../catalog.ts';
import { sellerOf } from './context.ts';

function publishedFilter(q: Query): ((p: Product) => boolean) | undefined {
  const raw = queryValue(q, 'publishedStatus');
  if (raw === undefined || raw === '') return undefined;
  const v = raw.toUpperCase();
  if (v !== 'PUBLISHED' && v !== 'UNPUBLISHED') throw badRequest('publishedStatus must be PUBLISHED or UNPUBLISHED');
  const want = v === 'PUBLISHED';
  return (p) => p.published === want;
}

export async function catalogRoutes(app: FastifyInstance) {
  app.get('/products', async (request) => {
    const q = request.query as Query;
    const seller = sellerOf(request);
    const catalog = seller.catalog;
    const page = paging(q);
    const filter = publishedFilter(q);
    const sku = queryValue(q, 'sku');
    if (sku) {
      const v = catalog.bySkuCode(sku);
      const hit = v && (!filter || filter(v.product)) ? [catalog.productJson(v.product, [v])] : [];
      return { products: page.number === 1 ? hit : [], page: pageBlock(page, hit.length) };
    }
    const all = filter ? catalog.products.filter(filter) : catalog.products;
    const start = (page.number - 1) * page.size;
    return {
      products: all.slice(start, start + page.size).map((p) => catalog.productJson(p)),
      page: pageBlock(page, all.length),
    };
  });

  app.get('/productsCount', async (request) => {
    const seller = sellerOf(request);
    const filter = publishedFilter(request.query as Query);
    const products = seller.catalog.products;
    return { count: filter ? products.filter(filter).length : products.length };
  });
}
