/**
 * The console's one way to the API: same-origin fetch (the HttpOnly session cookie goes along by
 * itself), JSON in and out, and the API's error shape turned into an `ApiError` that knows which form
 * field it concerns, so a screen can put the message next to that field.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * What went wrong, so a screen can say it in the right words:
 * - `network`: Weft was not reached (no connection, a timeout, or a gateway's 502/503/504 without Weft's
 *   own answer). Nothing was refused: the same request may simply be sent again.
 * - `refused`: Weft answered 4xx with its reason (a field to fix, a state that does not allow it).
 * - `server`: Weft answered 5xx with its own error: a fault on the server, not the person's.
 */
export type FailureKind = 'network' | 'refused' | 'server';

/** The one message for every failure to reach Weft. */
export const noConnectionMessage = 'No connection to Weft — check the network and retry.';

/** GETs waiting longer than this are given up as a lost connection (a write is never cut off half-way). */
export const readTimeoutMs = 30_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Dotted path of the field at fault, such as `interface.username`. */
    readonly field?: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get kind(): FailureKind {
    if (this.code === 'offline') return 'network';
    return this.status >= 500 ? 'server' : 'refused';
  }

  /** Every problem by field: the details when the API gave them, else the one field it named. */
  byField(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (d.field && !(d.field in out)) out[d.field] = d.message;
    if (this.field && !(this.field in out))
      out[this.field] = this.details.length ? this.message : stripField(this.message, this.field);
    return out;
  }
}

/** The API prefixes messages with the field's path ("interface.username: ..."); next to the field it is noise. */
function stripField(message: string, field: string): string {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

/** Listeners told when the session has ended (a 401 anywhere), so the app can show the sign-in page. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const offline = () => new ApiError(0, 'offline', noConnectionMessage);

/** Gateways (a proxy in front of Weft) answer these when Weft is down or slow; Weft itself answers in JSON. */
const gatewayStatuses = new Set([502, 503, 504]);

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: method === 'GET' ? AbortSignal.timeout(readTimeoutMs) : undefined,
    });
    text = response.status === 204 ? '' : await response.text();
  } catch {
    // A rejected fetch is a lost connection or a timeout: never a refusal.
    throw offline();
  }
  if (response.status === 204) return undefined as T;
  const json = text ? safeJson(text) : undefined;
  if (response.ok) return json as T;
  const error = (json as { error?: { code?: string; message?: string; field?: string; details?: unknown } } | undefined)
    ?.error;
  // A gateway's error page, not Weft's answer: Weft was not reached.
  if (gatewayStatuses.has(response.status) && !error?.message) throw offline();
  const details = Array.isArray(error?.details)
    ? (error.details as unknown[]).filter(
        (d): d is FieldProblem => typeof d === 'object' && d !== null && 'field' in d && 'message' in d,
      )
    : [];
  const apiError = new ApiError(
    response.status,
    error?.code ?? 'failed',
    error?.message ?? `Weft answered ${response.status}; try again.`,
    error?.field,
    details,
  );
  if (response.status === 401 && !path.startsWith('/api/auth/session')) for (const l of signedOutListeners) l();
  throw apiError;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** Whether the failure was not reaching Weft at all (to say "no connection", never "refused"). */
export const isNetworkFailure = (error: unknown): boolean => error instanceof ApiError && error.kind === 'network';

/** The kind of any failure thrown: what is not an ApiError is the console's own fault, as `server` reads. */
export const failureKindOf = (error: unknown): FailureKind => (error instanceof ApiError ? error.kind : 'server');

/** The message to show for anything thrown: API errors carry one; anything else is our fault. */
export const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : 'Something went wrong in the console; reload the page and try again.';
