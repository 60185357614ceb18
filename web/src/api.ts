/**
 * The console's one way to the API: same-origin fetch (the HttpOnly session cookie goes along by
 * itself), JSON in and out, and the API's error shape turned into an `ApiError` that knows which form
 * field it concerns, so a screen can put the message next to that field.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

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

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'offline', 'Weft cannot be reached: check the network and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = text ? safeJson(text) : undefined;
  if (response.ok) return json as T;
  const error = (json as { error?: { code?: string; message?: string; field?: string; details?: unknown } } | undefined)
    ?.error;
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
export const del = <T>(path: string) => api<T>('DELETE', path);

/** The message to show for anything thrown: API errors carry one; anything else is our fault. */
export const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : 'Something went wrong in the console; reload the page and try again.';
