import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { httpSettingsOf, type AppContext } from './context.ts';
import { errorHandler, frameworkErrors, maxPathParamLength, notFoundHandler } from './errors.ts';
import { registerInputCheck } from './input-check.ts';
import { registerAuth } from './auth.ts';
import { markPublicScope, requireRoutePolicy } from './route-policy.ts';
import { refuseDotSegments } from './paths.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { healthRoutes } from './routes/health.ts';
import { authRoutes } from './routes/auth.ts';
import { userRoutes } from './routes/users.ts';
import { warehouseRoutes } from './routes/warehouses.ts';
import { skuRoutes } from './routes/skus.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { stockRoutes } from './routes/stock.ts';
import { channelRoutes } from './routes/channels.ts';
import { syncRunRoutes } from './routes/sync-runs.ts';
import { picklistRoutes } from './routes/picklists.ts';
import { packRoutes } from './routes/pack.ts';
import { discrepancyRoutes } from './routes/discrepancies.ts';
import { listingRoutes } from './routes/listings.ts';
import { backOrderRoutes } from './routes/back-orders.ts';
import { channelInventoryRoutes } from './routes/channel-inventory.ts';
import { reconciliationReportRoutes } from './routes/reconciliation-reports.ts';
import { contractDriftRoutes } from './routes/contract-drift.ts';
import { cutoverReportRoutes } from './routes/cutover-report.ts';
import { wireJournalRoutes } from './routes/wire-journal.ts';
import { marketplaceInvoiceRoutes } from './routes/marketplace-invoice.ts';
import { orderRoutes } from './routes/orders.ts';
import { documentRoutes } from './routes/documents.ts';
import { printRoutes } from './routes/print.ts';
import { manifestRoutes } from './routes/manifests.ts';
import { returnRoutes } from './routes/returns.ts';
import { creditNoteRoutes } from './routes/credit-notes.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { channelPerformanceRoutes } from './routes/channel-performance.ts';
import { alertRoutes } from './routes/alerts.ts';
import { consoleRoutes } from './console.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { registerRequestTiming } from './request-timing.ts';

/** Route modules in the order they register; each is `(app, context) => Promise<void>`. */
const routeModules = [
  healthRoutes,
  metricsRoutes,
  authRoutes,
  userRoutes,
  warehouseRoutes,
  skuRoutes,
  inventoryRoutes,
  stockRoutes,
  channelRoutes,
  syncRunRoutes,
  picklistRoutes,
  packRoutes,
  discrepancyRoutes,
  channelInventoryRoutes,
  reconciliationReportRoutes,
  contractDriftRoutes,
  cutoverReportRoutes,
  wireJournalRoutes,
  marketplaceInvoiceRoutes,
  listingRoutes,
  backOrderRoutes,
  orderRoutes,
  documentRoutes,
  printRoutes,
  manifestRoutes,
  returnRoutes,
  creditNoteRoutes,
  invoiceRoutes,
  channelPerformanceRoutes,
  alertRoutes,
  consoleRoutes,
];

const debugLevels = new Set(['debug', 'trace']);

export const docsPrefix = '/api/docs';

export async function buildApp(context: AppContext): Promise<FastifyInstance> {
  const settings = httpSettingsOf(context);
  const app = Fastify({
    // Request lines only when debugging; errors are logged by the error handler at any level.
    loggerInstance: context.log.child(
      { component: 'http' },
      { level: debugLevels.has(context.log.level) ? context.log.level : 'warn' },
    ) as FastifyBaseLogger,
    // Behind a proxy: request.protocol and request.ip follow X-Forwarded-Proto/-For (WEFT_TRUST_PROXY).
    trustProxy: settings.trustProxy,
    // `//api//users` is `/api/users`: the same route, so the same policy. Paths stay case-sensitive and
    // `;` stays part of the path (Fastify's default), so no other spelling reaches a route (paths.ts).
    routerOptions: { ignoreDuplicateSlashes: true, caseSensitive: true, maxParamLength: maxPathParamLength },
    // Malformed escapes and over-long path parameters answer in the API's error shape, not Fastify's.
    frameworkErrors,
  }) as unknown as FastifyInstance;
  // Before any route exists: every route must declare who may call it, or start-up stops here.
  requireRoutePolicy(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  registerRequestTiming(app);
  // Headers first, so every answer has them, refusals included; then path spelling; then access.
  await registerSecurityHeaders(app);
  refuseDotSegments(app);
  registerAuth(app, context.database.db, { publicOrigin: settings.publicOrigin });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Weft API',
        version: '0.1.0',
        description: 'Orders and channel integration for AJIO JIT sellers.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The docs' own routes (page, files, JSON) are public, and only under the docs prefix.
  await app.register(async (docs) => {
    markPublicScope(docs, docsPrefix);
    await docs.register(swaggerUi, { routePrefix: docsPrefix });
  });

  registerInputCheck(app);
  for (const register of routeModules) await register(app, context);
  return app;
}
