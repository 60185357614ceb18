import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { bearerMatches, elsewhereMessage, metricsOffMessage, tokenMissingMessage } from '../../metrics/access.ts';
import { createMetrics } from '../../metrics/metrics.ts';
import type { AppContext } from '../context.ts';
import { answers } from '../responses/common.ts';

const prometheusText = z.string().meta({ description: 'Prometheus text exposition format 0.0.4' });

/**
 * GET /metrics on the API's port. Its policy is `public` because no Weft user signs in to it: a
 * scraper sends the metrics token (WEFT_METRICS_TOKEN) instead, checked here. Without a token set it
 * answers 404 saying how to turn metrics on — never open by default. (With WEFT_METRICS_ADDRESS the
 * metrics are also, or only, served on a listener of their own: src/metrics/metrics-server.ts.)
 */
export async function metricsRoutes(base: FastifyInstance, context: AppContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const settings = context.metrics ?? {};
  const metrics =
    settings.exposition ??
    createMetrics({ database: context.database, queues: () => context.jobs.state(), cacheMs: settings.cacheMs });
  app.get(
    '/metrics',
    {
      config: { role: 'public' },
      schema: {
        summary: 'Prometheus metrics (needs the metrics token, WEFT_METRICS_TOKEN, as a bearer token)',
        tags: ['system'],
        response: answers({ 200: prometheusText }),
      },
    },
    async (request, reply) => {
      if (!settings.token)
        throw new AppError('not_found', settings.separateAddress ? elsewhereMessage : metricsOffMessage);
      if (!bearerMatches(request.headers.authorization, settings.token)) {
        reply.header('www-authenticate', 'Bearer');
        throw new AppError('unauthorized', tokenMissingMessage);
      }
      const text = await metrics.render();
      return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(text);
    },
  );
}
