import type { WireExchange } from './types.ts';

/**
 * Secrets out of a wire exchange before it is kept. Two nets: every value under a key whose name
 * says secret (password, token, secret, authorization, api key, e-invoice credentials…), at any
 * depth, becomes "[redacted]"; and every string the client knows to be secret (its password, the
 * tokens it was given) is cut out wherever it appears — a value, a key, a query, an error message,
 * an echo of the request in the answer.
 */
export const REDACTED = '[redacted]';

/** Key names that hold secrets, whatever the marketplace or the IRP calls them. */
const SECRET_KEY =
  /pass(word|wd|phrase)?$|^pwd$|secret|token|authori[sz]ation|api[-_]?key|app[-_]?key|^sek$|bearer|credential|cookie|private[-_]?key|^otp$/i;

export const isSecretKey = (key: string) => SECRET_KEY.test(key);

/** "Bearer abc…" anywhere in a string. */
const BEARER = /\bbearer\s+[^\s",;]+/gi;

function scrub(text: string, secrets: string[]): string {
  let out = text.replace(BEARER, `Bearer ${REDACTED}`);
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Secrets short enough to occur by chance in ordinary text are scrubbed by key name only. */
const usable = (secrets: string[]) =>
  [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= 4))].sort((a, b) => b.length - a.length);

export function redactValue(value: unknown, secrets: string[] = []): unknown {
  return redactWith(value, usable(secrets), 0);
}

function redactWith(value: unknown, secrets: string[], depth: number): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any real answer: kept as a marker rather than walked (and never half-redacted).
  if (depth > 64) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactWith(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const safeKey = scrub(key, secrets);
    out[safeKey] =
      isSecretKey(key) && v !== null && v !== undefined && v !== '' ? REDACTED : redactWith(v, secrets, depth + 1);
  }
  return out;
}

/** Every string under a secret key name: a token the answer hands out is a secret wherever else it shows. */
function secretsUnderKeys(value: unknown, out: string[], depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 64) return;
  for (const [key, v] of Object.entries(value)) {
    if (isSecretKey(key) && typeof v === 'string') out.push(v);
    else secretsUnderKeys(v, out, depth + 1);
  }
}

/** The exchange as it may be kept. */
export function redactExchange(exchange: WireExchange, secrets: string[]): WireExchange {
  const found = [...secrets];
  for (const part of [exchange.requestHeaders, exchange.query, exchange.requestBody, exchange.answerBody])
    secretsUnderKeys(part, found);
  // "Bearer" alone (tokenType) is a word, not a secret: scrubbing it would blank ordinary text.
  const known = usable(found.filter((s) => !/^bearer$/i.test(s)));
  const strings = (record: Record<string, string> | null) =>
    record === null ? null : (redactWith(record, known, 0) as Record<string, string>);
  return {
    ...exchange,
    call: scrub(exchange.call, known),
    path: scrub(exchange.path, known),
    query: strings(exchange.query),
    requestHeaders: strings(exchange.requestHeaders),
    requestBody: redactWith(exchange.requestBody, known, 0),
    answerBody: redactWith(exchange.answerBody, known, 0),
    error: exchange.error === null ? null : scrub(exchange.error, known),
  };
}
