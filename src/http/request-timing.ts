import type { FastifyInstance } from 'fastify';
import { httpRequestDuration, methodLabel } from '../metrics/process-metrics.ts';

/**
 * Times every answer into weft_http_request_duration_seconds, labelled by the matched route's pattern
 * (`/api/orders/:id`, never the URL as sent), the method and the status class, so however many URLs
 * clients send, the label set is bounded by the route table. Unmatched paths share one label.
 */
export function registerRequestTiming(app: FastifyInstance) {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    httpRequestDuration.observe(
      {
        route,
        method: methodLabel(request.method),
        status_class: `${Math.floor(reply.statusCode / 100)}xx`,
      },
      reply.elapsedTime / 1000,
    );
  });
}
