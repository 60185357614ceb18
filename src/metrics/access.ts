import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Who may read /metrics: a scraper that sends the metrics token (WEFT_METRICS_TOKEN) as a bearer
 * token. Compared in constant time over hashes, so neither the token's content nor its length leaks
 * through timing.
 */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(m[1]), digest(token));
}

export const tokenMissingMessage =
  'Send the metrics token: "Authorization: Bearer <token>", the value of WEFT_METRICS_TOKEN (in Prometheus: authorization: { credentials_file: … }, see docs/prometheus.yml).';

export const metricsOffMessage =
  'Metrics are off: set WEFT_METRICS_TOKEN (a bearer token Prometheus sends to /metrics on this port) or WEFT_METRICS_ADDRESS (such as 127.0.0.1:9464, a listener of its own), then restart; see docs/metrics.md.';

export const elsewhereMessage =
  'Metrics are served on the separate metrics address (WEFT_METRICS_ADDRESS), not on this port; set WEFT_METRICS_TOKEN as well to serve them here too.';
