import { AjioError, ajioMessage } from './errors.ts';
import { Pacer } from './pacer.ts';
import { maxPageSize, paths } from './codes.ts';
import { assertOutboundUrl, OutboundUrlError } from '../../net/outbound-url.ts';
import { type AjioContractCheck, checkAnswer, driftSentence, redact } from './contract/index.ts';
import type { WireExchange, WireJournal } from '../../core/wire-journal/types.ts';
import type { MarketplaceCallOutcome } from '../../core/metrics/marketplace-calls.ts';
import type { WriteGate } from '../../core/channel-mode/gate.ts';

export interface AjioClientOptions {
  baseUrl: string;
  pathPrefix: string;
  username: string;
  password: string;
  requestsPerSecond: number;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts for retryable failures, the first included. */
  maxAttempts?: number;
  /** Base of the jittered exponential backoff. */
  backoffMs?: number;
  /** Where each request/answer pair goes when the channel keeps a wire journal (redacted there). */
  journal?: WireJournal | null;
  /** Told of every HTTP attempt and its outcome (the metrics' port, core/metrics/marketplace-calls.ts). */
  onCall?: (method: string, outcome: MarketplaceCallOutcome) => void;
}

type Query = Record<string, string | number | undefined>;

interface TokenState {
  accessToken: string;
  expiresAt: number;
}

/** AJIO recommends renewing once less than 10 minutes of the 30-minute token remain. */
const renewBeforeMs = 10 * 60 * 1000;

/**
 * Transport for the AJIO JIT seller API: token, pacing, timeouts, retries and error classification.
 * It knows paths and HTTP, not what the payloads mean — the streams and pushes do.
 */
export class AjioClient {
  readonly #options: Required<Omit<AjioClientOptions, 'journal' | 'onCall'>>;
  readonly #onCall: AjioClientOptions['onCall'];
  readonly #pacer: Pacer;
  #token: TokenState | null = null;
  #login: Promise<TokenState> | null = null;
  /**
   * Records the contract guard's findings on a login answer for the channel (channelClient sets it when
   * a database is at hand); without it the check is still made and a drifting answer still refused.
   */
  recordLoginCheck: ((check: AjioContractCheck) => Promise<void>) | null = null;
  #refreshToken: string | null = null;
  /** The wire journal of the channel this client serves, if any (set by whoever hands the client out). */
  journal: WireJournal | null;

  constructor(options: AjioClientOptions) {
    const { journal, onCall, ...rest } = options;
    this.#onCall = onCall;
    this.#options = { timeoutMs: 30_000, maxAttempts: 5, backoffMs: 500, ...rest };
    this.#pacer = new Pacer(options.requestsPerSecond);
    this.journal = journal ?? null;
  }

  /** When the cached token stops being valid (null before the first call). */
  get tokenValidUntil(): Date | null {
    return this.#token ? new Date(this.#token.expiresAt) : null;
  }

  url(path: string, query?: Query): string {
    const url = new URL(`${this.#options.baseUrl.replace(/\/$/, '')}${this.#options.pathPrefix}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return this.#call<T>('GET', this.url(path, query), path, undefined, 'json');
  }

  /**
   * Reads every page of a list, one page at a time, as AJIO's `page.totalPages` says. The page number
   * comes with each page so a caller can checkpoint after it.
   */
  async *pages<T>(
    path: string,
    query: Query,
    itemsOf: (body: any) => T[],
  ): AsyncGenerator<{ page: number; totalPages: number; totalElements: number; items: T[]; body: unknown }> {
    for (let page = 1; ; page++) {
      const body = await this.get<{ page?: { totalPages?: number; totalElements?: number } }>(path, {
        ...query,
        pageNumber: page,
        pageSize: maxPageSize,
      });
      const items = itemsOf(body);
      if (!Array.isArray(items)) {
        throw new AjioError('fatal', `AJIO GET ${path} page ${page}: the answer has no list where one was expected.`, {
          path,
          body,
        });
      }
      const totalPages = Number(body?.page?.totalPages ?? 0);
      yield { page, totalPages, totalElements: Number(body?.page?.totalElements ?? items.length), items, body };
      if (page >= totalPages || items.length === 0) return;
    }
  }

  /**
   * Writes: a timeout or 5xx is indeterminate (the caller reads back before trying again). Every
   * write passes the channel's mode gate first (core/channel-mode/gate.ts): when the channel, or the
   * SKUs or PO it concerns, is not live, the gate records the exact method, path and body in the
   * would-send log and throws WithheldWrite, and nothing is sent. There is no write without a gate.
   */
  async post<T>(path: string, body: unknown, gate: WriteGate): Promise<T> {
    await gate.admit('POST', path, body);
    return this.#call<T>('POST', this.url(path), path, body, 'json');
  }

  async put<T>(path: string, body: unknown, gate: WriteGate): Promise<T> {
    await gate.admit('PUT', path, body);
    return this.#call<T>('PUT', this.url(path), path, body, 'json');
  }

  /**
   * A document (label, manifest, invoice) at an absolute URL AJIO gave. The apiKey goes with it only
   * when the URL is on the API's own origin: a document on another host (a CDN, a storage bucket) is
   * fetched without credentials, so an address in an answer can never draw the token elsewhere.
   */
  async document(url: string, options: { maxAttempts?: number } = {}): Promise<Buffer> {
    const authed = this.sameOrigin(url);
    return this.#call<Buffer>('GET', url, new URL(url).pathname, undefined, 'binary', authed, options.maxAttempts);
  }

  /** Whether `url` is on the origin (scheme, host and port) of the channel's API address. */
  sameOrigin(url: string): boolean {
    try {
      return new URL(url).origin === new URL(this.#options.baseUrl).origin;
    } catch {
      return false;
    }
  }

  /** Forces a login now: the "test connection" button. */
  async testConnection(): Promise<{ tokenValidUntil: Date }> {
    this.#token = null;
    const token = await this.#ensureToken();
    return { tokenValidUntil: new Date(token.expiresAt) };
  }

  async #ensureToken(): Promise<TokenState> {
    if (this.#token && this.#token.expiresAt - Date.now() > renewBeforeMs) return this.#token;
    // One login at a time: concurrent callers wait for the same one.
    this.#login ??= this.#authenticate().finally(() => {
      this.#login = null;
    });
    this.#token = await this.#login;
    return this.#token;
  }

  async #authenticate(): Promise<TokenState> {
    const body = await this.#call<{ result?: { accessToken?: string; expiresIn?: number } }>(
      'POST',
      this.url(paths.auth),
      paths.auth,
      { username: this.#options.username, password: this.#options.password },
      'json',
      false,
    );
    // The login answer goes through the contract guard like every other: a token that is missing or
    // not text is drift, recorded for the channel, and never used (nor an empty one sent as apiKey).
    const check = checkAnswer('POST /authToken', body);
    if (this.recordLoginCheck && (check.drift.length || check.unknownFields.length))
      await this.recordLoginCheck(check).catch(() => {});
    if (check.drift.length)
      throw new AjioError(
        'fatal',
        `Contract drift: ${driftSentence('POST /authToken', check.drift)}. AJIO accepted the login but Weft cannot read its token.`,
        { path: paths.auth, body: redact(body) },
      );
    const accessToken = body?.result?.accessToken;
    const refresh = (body?.result as { refreshToken?: unknown } | undefined)?.refreshToken;
    if (typeof refresh === 'string') this.#refreshToken = refresh;
    if (!accessToken)
      throw new AjioError('fatal', 'AJIO accepted the login but sent no access token.', { path: paths.auth, body });
    // A token life that is not a positive number is not read as 0 or NaN: AJIO's documented 30 minutes.
    const life = Number(body.result?.expiresIn);
    return { accessToken, expiresAt: Date.now() + (Number.isFinite(life) && life > 0 ? life : 1800) * 1000 };
  }

  async #call<T>(
    method: string,
    url: string,
    path: string,
    body: unknown,
    as: 'json' | 'binary',
    authed = true,
    maxAttempts = this.#options.maxAttempts,
  ): Promise<T> {
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      let failure: AjioError;
      try {
        const answer = await this.#attempt<T>(method, url, path, body, as, authed);
        this.#onCall?.(method, 'ok');
        return answer;
      } catch (error) {
        if (!(error instanceof AjioError)) throw error;
        this.#onCall?.(method, outcomeOf(error));
        failure = error;
      }
      if (failure.status === 401 && authed && !renewed) {
        // The token expired or was revoked early: log in again once and repeat the call.
        renewed = true;
        this.#token = null;
        attempt--;
        continue;
      }
      // Retryable failures surely had no effect, so repeating even a write is safe.
      if (failure.kind !== 'retryable' || attempt >= maxAttempts) throw failure;
      await sleep(this.#backoff(attempt));
    }
  }

  #backoff(attempt: number): number {
    const base = this.#options.backoffMs * 2 ** (attempt - 1);
    return Math.round(base / 2 + Math.random() * base);
  }

  async #attempt<T>(
    method: string,
    url: string,
    path: string,
    body: unknown,
    as: 'json' | 'binary',
    authed: boolean,
  ): Promise<T> {
    const wire: Wire = { sent: false, status: null, answer: undefined, error: null, headers: {} };
    const at = new Date();
    const started = performance.now();
    try {
      return await this.#exchange<T>(method, url, path, body, as, authed, wire);
    } catch (error) {
      if (wire.error === null && wire.answer === undefined) wire.error = (error as Error).message;
      throw error;
    } finally {
      if (wire.sent) this.#note(method, url, path, body, as, wire, at, performance.now() - started);
    }
  }

  /** Hands one exchange to the journal; a journal that fails must not touch the call. */
  #note(
    method: string,
    url: string,
    path: string,
    body: unknown,
    as: 'json' | 'binary',
    wire: Wire,
    at: Date,
    ms: number,
  ) {
    if (!this.journal) return;
    try {
      const query = Object.fromEntries(new URL(url).searchParams);
      const exchange: WireExchange = {
        at,
        call: as === 'binary' ? 'GET document' : `${method} ${path}`,
        method,
        path,
        query: Object.keys(query).length ? query : null,
        requestHeaders: wire.headers,
        requestBody: body ?? null,
        status: wire.status,
        answerBody: wire.answer ?? null,
        durationMs: ms,
        error: wire.error,
      };
      const secrets = [this.#options.password, this.#token?.accessToken, wire.headers.apiKey, this.#refreshToken];
      this.journal.record(
        exchange,
        secrets.filter((x): x is string => typeof x === 'string'),
      );
    } catch {
      // The journal is an observer: whatever goes wrong in it, the call's own outcome stands.
    }
  }

  async #exchange<T>(
    method: string,
    url: string,
    path: string,
    body: unknown,
    as: 'json' | 'binary',
    authed: boolean,
    wire: Wire,
  ): Promise<T> {
    const isWrite = method !== 'GET';
    const headers: Record<string, string> = { accept: as === 'json' ? 'application/json' : '*/*' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (authed) headers.apiKey = (await this.#ensureToken()).accessToken;
    if (authed) await this.#pacer.take();
    // The address is checked on every call, after DNS: settings saved before the policy, or a name
    // that now resolves to a private address, never receive the password or the token.
    try {
      await assertOutboundUrl(
        url,
        as === 'binary' ? `The document address AJIO gave (${new URL(url).host})` : "AJIO's API address",
      );
    } catch (error) {
      if (error instanceof OutboundUrlError)
        throw new AjioError('fatal', `AJIO ${method} ${path}: ${error.message}`, { path });
      throw error;
    }
    let response: Response;
    wire.sent = true;
    wire.headers = { ...headers };
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
        // A redirect would carry the apiKey (or the login's password) to wherever it points.
        redirect: 'manual',
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? '';
      const what = timedOut
        ? `${noAnswerWithin} ${this.#options.timeoutMs} ms`
        : `network error: ${cause || (error as Error).message}`;
      // Only a connection that was never made surely carried nothing. A write that timed out or whose
      // connection dropped may have landed: that is indeterminate, and the caller reads back first.
      const neverSent = neverConnected.has(cause);
      wire.error = what;
      throw new AjioError(isWrite && !neverSent ? 'indeterminate' : 'retryable', `AJIO ${method} ${path}: ${what}.`, {
        path,
      });
    }
    wire.status = response.status;
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location') ?? '(no Location)';
      await response.body?.cancel();
      throw new AjioError(
        'fatal',
        `AJIO ${method} ${path}: answered ${response.status}, a redirect to ${location}; Weft does not follow redirects with credentials: set the channel's baseUrl to the address the API answers at.`,
        { status: response.status, path },
      );
    }
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after')) || 1;
      this.#pacer.pause(seconds * 1000);
      await response.body?.cancel();
      throw new AjioError('retryable', `AJIO ${method} ${path}: throttled (429), retry after ${seconds} s.`, {
        status: 429,
        path,
      });
    }
    if (as === 'binary' && response.ok) {
      const bytes = Buffer.from(await response.arrayBuffer());
      wire.answer = { document: true, contentType: response.headers.get('content-type'), bytes: bytes.length };
      return bytes as T;
    }
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
      wire.answer = parsed;
    } catch {
      wire.answer = text.slice(0, 10_000);
      wire.error = `answered ${response.status} with a body that is not JSON`;
      const kind = response.ok && isWrite ? 'indeterminate' : 'retryable';
      throw new AjioError(kind, `AJIO ${method} ${path}: answered ${response.status} with a body that is not JSON.`, {
        status: response.status,
        path,
        body: text.slice(0, 500),
      });
    }
    if (response.ok) return parsed as T;
    const message = `AJIO ${method} ${path}: ${response.status} ${ajioMessage(parsed, response.status)}`;
    if (response.status >= 500)
      throw new AjioError(isWrite ? 'indeterminate' : 'retryable', message, {
        status: response.status,
        path,
        body: parsed,
      });
    if (response.status === 401 && !authed) {
      throw new AjioError(
        'fatal',
        `AJIO refused the channel's username or password (${ajioMessage(parsed, 401)}): check the interface settings.`,
        { status: 401, path, body: parsed },
      );
    }
    if (response.status === 423) {
      throw new AjioError(
        'fatal',
        'AJIO has locked the login after repeated failures (LOGIN_LOCKED): wait 15 minutes, then check the password.',
        { status: 423, path, body: parsed },
      );
    }
    throw new AjioError('fatal', message, { status: response.status, path, body: parsed });
  }
}

/** What one attempt put on the wire and got back, for the journal. */
interface Wire {
  sent: boolean;
  status: number | null;
  answer: unknown;
  error: string | null;
  headers: Record<string, string>;
}

/** How an attempt's failure counts in the metrics (core/metrics/marketplace-calls.ts says what each means). */
function outcomeOf(error: AjioError): MarketplaceCallOutcome {
  if (error.status === 429) return 'throttled';
  if (error.status !== null && error.status >= 500) return 'server_error';
  if (error.status !== null && error.status >= 300) return 'refused';
  // A 2xx whose body could not be used; the ones without a status are the transport's own (#attempt).
  if (error.status !== null) return 'bad_answer';
  return error.message.includes(noAnswerWithin) ? 'timeout' : 'network_error';
}

const noAnswerWithin = 'no answer within';

/** Errors raised before a request could be sent. */
const neverConnected = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
