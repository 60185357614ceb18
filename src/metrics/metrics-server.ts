import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearerMatches, tokenMissingMessage } from './access.ts';
import type { Metrics } from './metrics.ts';

/**
 * /metrics on an address of its own (WEFT_METRICS_ADDRESS), in any process — an API, a worker — so a
 * scraper can reach each one on a private interface while the API's port stays public. It answers
 * GET /metrics and nothing else (404), with the metrics token required when one is set. It is not part
 * of the API's route table: no user sessions, no console, nothing but the metrics.
 */
export interface MetricsServer {
  /** Where it listens (the port chosen when 0 was asked for). */
  address: { host: string; port: number };
  close(): Promise<void>;
}

export async function startMetricsServer(
  metrics: Metrics,
  options: { host: string; port: number; token?: string },
): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    const send = (status: number, contentType: string, body: string) => {
      response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (path !== '/metrics') return send(404, 'text/plain; charset=utf-8', 'Only GET /metrics is served here.\n');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(405, 'text/plain; charset=utf-8', 'Use GET /metrics.\n');
    if (options.token && !bearerMatches(request.headers.authorization, options.token)) {
      response.setHeader('www-authenticate', 'Bearer');
      return send(401, 'text/plain; charset=utf-8', `${tokenMissingMessage}\n`);
    }
    metrics.render().then(
      (text) => send(200, metrics.contentType, text),
      (error: Error) => send(500, 'text/plain; charset=utf-8', `Metrics could not be read: ${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  return {
    address: { host: options.host, port: bound.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
