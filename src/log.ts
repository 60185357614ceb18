import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Secrets never reach a log line: passwords, tokens and credential blobs are censored wherever they
 * appear in a logged object, and the Authorization and apiKey headers of requests.
 */
export const redactedPaths = [
  'password',
  '*.password',
  '*.*.password',
  'einvoicePassword',
  '*.einvoicePassword',
  '*.*.einvoicePassword',
  'credentials',
  '*.credentials',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'req.headers.authorization',
  'req.headers.apikey',
  'req.headers.cookie',
  'headers.apiKey',
  'headers.authorization',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: { service: 'weft' } },
    destination,
  );
}
