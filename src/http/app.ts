import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import { errorHandler, frameworkErrors, maxPathParamLength, notFoundHandler } from './errors.ts';
import { registerInputCheck } from './input-check.ts';
import { registerAuth } from './auth.ts';
import { healthRoutes } from './routes/health.ts';
import { authRoutes } from './routes/auth.ts';
import { warehouseRoutes } from './routes/warehouses.ts';
import { skuRoutes } from './routes/skus.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { channelRoutes } from './routes/channels.ts';
import { syncRunRoutes } from './routes/sync-runs.ts';
import { picklistRoutes } from './routes/picklists.ts';
import { packRoutes } from './routes/pack.ts';
import { listingRoutes } from './routes/listings.ts';
import { channelInventoryRoutes } from './routes/channel-inventory.ts';
import { orderRoutes } from './routes/orders.ts';
import { documentRoutes } from './routes/documents.ts';
import { manifestRoutes } from './routes/manifests.ts';
import { returnInboundRoutes } from './routes/return-inbound.ts';
import { consoleRoutes } from './console.ts';

/** Route modules in the order they register; each is `(app, context) => Promise<void>`. */
const routeModules = [healthRoutes, authRoutes, warehouseRoutes, skuRoutes, inventoryRoutes, channelRoutes, syncRunRoutes, picklistRoutes, packRoutes, channelInventoryRoutes, listingRoutes, orderRoutes, documentRoutes, manifestRoutes, returnInboundRoutes, consoleRoutes];

const debugLevels = new Set(['debug', 'trace']);

export async function buildApp(context: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    // Request lines only when debugging; errors are logged by the error handler at any level.
    loggerInstance: context.log.child({ component: 'http' }, { level: debugLevels.has(context.log.level) ? context.log.level : 'warn' }) as FastifyBaseLogger,
    // Malformed escapes and over-long path parameters answer in the API's error shape, not Fastify's.
    frameworkErrors,
    routerOptions: { maxParamLength: maxPathParamLength },
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Weft API', version: '0.1.0', description: 'Orders and channel integration for AJIO JIT sellers.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, context.database.db);
  registerInputCheck(app);
  for (const register of routeModules) await register(app, context);
  return app;
}
