import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Weft's settings, read from the environment (and, when WEFT_CONFIG names one, a JSON file whose keys
 * are the same names; the environment wins). Every value is checked before anything starts, so a bad
 * setting stops the process with one sentence that names it.
 */
const portSchema = z.coerce
  .number({ error: 'a whole number from 1 to 65535' })
  .int('a whole number from 1 to 65535')
  .min(1, 'a whole number from 1 to 65535')
  .max(65535, 'a whole number from 1 to 65535');

const positiveInt = (what: string) => z.coerce.number({ error: what }).int(what).min(1, what);

/** On/off settings: true/false, yes/no, on/off or 1/0. */
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', 'yes', 'no', 'on', 'off', '1', '0'].includes(v), 'true or false')
  .transform((v) => ['true', 'yes', 'on', '1'].includes(v));

const settingsSchema = z.object({
  PORT: portSchema.default(8080),
  HOST: z.string().min(1, 'a host name or address to listen on, such as 0.0.0.0').default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL such as postgres://user@host:5432/weft')
    .optional(),
  WEFT_DATA_DIR: z.string().min(1, 'a folder path').default('./data'),
  WEFT_MASTER_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, '32 bytes written as 64 hex characters or as base64')
    .optional(),
  WEFT_ADMIN_USER: z
    .string()
    .regex(/^[a-z0-9._-]{3,64}$/i, '3 to 64 letters, digits, dots, dashes or underscores')
    .optional(),
  WEFT_ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  WEFT_DB_POOL_SIZE: positiveInt('a whole number of connections, at least 1').default(10),
  WEFT_WORKER_CONCURRENCY: positiveInt('a whole number of jobs worked at once per queue, at least 1').default(2),
  WEFT_JOBS_SUPERVISE_SECONDS: positiveInt('a whole number of seconds, at least 1').default(30),
  WEFT_SHUTDOWN_GRACE_SECONDS: positiveInt('a whole number of seconds, at least 1').default(30),
  WEFT_OUTBOX_STALE_SECONDS: positiveInt('a whole number of seconds, at least 1').default(300),
  WEFT_TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|[0-9a-f.:/]+(\s*,\s*[0-9a-f.:/]+)*)$/i,
      "true, false, or the proxies' addresses or CIDR ranges, comma-separated (such as 10.0.0.0/8)",
    )
    .default('false'),
  WEFT_PUBLIC_ORIGIN: z
    .string()
    .refine((v) => {
      try {
        return ['http:', 'https:'].includes(new URL(v).protocol) && new URL(v).origin === v.replace(/\/$/, '');
      } catch {
        return false;
      }
    }, 'an origin such as https://weft.example.com (scheme and host, no path)')
    .optional(),
  WEFT_LOGIN_MAX_FAILURES: positiveInt('a whole number of failed sign-ins, at least 1').default(5),
  WEFT_LOGIN_MAX_FAILURES_PER_ADDRESS: positiveInt('a whole number of failed sign-ins, at least 1').default(30),
  WEFT_LOGIN_LOCK_SECONDS: positiveInt('a whole number of seconds, at least 1').default(900),
  WEFT_ALLOW_PRIVATE_URLS: z.preprocess((v) => (typeof v === 'boolean' ? String(v) : v), flag).default(false),
  WEFT_METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,}$/, 'at least 16 characters without spaces (such as the output of `openssl rand -hex 24`)')
    .optional(),
  WEFT_METRICS_ADDRESS: z
    .string()
    .refine((v) => metricsAddressOf(v) !== null, 'a host and port to serve /metrics on, such as 127.0.0.1:9464')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Settings = z.infer<typeof settingsSchema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  masterKey: Buffer | undefined;
  admin: { username: string; password: string } | undefined;
  dbPoolSize: number;
  workerConcurrency: number;
  superviseSeconds: number;
  shutdownGraceSeconds: number;
  outboxStaleSeconds: number;
  /** Fastify's trustProxy (WEFT_TRUST_PROXY): false, true, or the proxies' addresses. */
  trustProxy: boolean | string;
  publicOrigin: string | undefined;
  loginThrottle: { userFailures: number; addressFailures: number; lockSeconds: number };
  /** Marketplace and e-invoice addresses may be loopback/private and plain http: (demo, tests, a local sandbox). */
  allowPrivateUrls: boolean;
  /**
   * How /metrics is served (WEFT_METRICS_TOKEN, WEFT_METRICS_ADDRESS): with a bearer token on the API's
   * port, on a separate address of its own, or both; neither means no /metrics at all.
   */
  metrics: MetricsAccess;
  logLevel: Settings['LOG_LEVEL'];
}

export interface MetricsAccess {
  /** The bearer token a scraper sends; /metrics on the API's port needs it. */
  token: string | undefined;
  /** A listener of its own for /metrics (any process, workers included). */
  address: { host: string; port: number } | undefined;
}

/** `host:port` or `[v6]:port` with a port from 1 to 65535 (0 is allowed for tests: any free port). */
export function metricsAddressOf(text: string): { host: string; port: number } | null {
  const m = /^(?:\[([0-9a-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/i.exec(text.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port > 65535) return null;
  return { host: m[1] ?? m[2], port };
}

/** A setting that cannot be used. Its message is the one line printed before the process stops. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Accepts 64 hex characters or base64 of exactly 32 bytes; anything else is null. */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length === 32) return bytes;
  }
  return null;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`WEFT_CONFIG names ${path}, which cannot be read: give the path of a JSON file or unset it.`);
  }
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch {
    // fall through to the one message below
  }
  throw new ConfigError(`WEFT_CONFIG file ${path} is not a JSON object of settings such as {"PORT": 8080}.`);
}

function trustProxyOf(value: string): boolean | string {
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return value
    .split(',')
    .map((part) => part.trim())
    .join(',');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = env.WEFT_CONFIG ? readConfigFile(env.WEFT_CONFIG) : {};
  const merged: Record<string, unknown> = { ...fromFile };
  for (const key of Object.keys(settingsSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    const given = merged[name];
    const shown = /PASSWORD|KEY|TOKEN/.test(name) ? '' : ` (got ${JSON.stringify(given)})`;
    throw new ConfigError(`${name} must be ${issue.message}${shown}.`);
  }
  const s = parsed.data;
  if (Boolean(s.WEFT_ADMIN_USER) !== Boolean(s.WEFT_ADMIN_PASSWORD)) {
    throw new ConfigError('WEFT_ADMIN_USER and WEFT_ADMIN_PASSWORD go together: set both or neither.');
  }
  return {
    port: s.PORT,
    host: s.HOST,
    databaseUrl: s.DATABASE_URL,
    dataDir: resolve(s.WEFT_DATA_DIR),
    masterKey: s.WEFT_MASTER_KEY ? (decodeKey(s.WEFT_MASTER_KEY) ?? undefined) : undefined,
    admin:
      s.WEFT_ADMIN_USER && s.WEFT_ADMIN_PASSWORD
        ? { username: s.WEFT_ADMIN_USER, password: s.WEFT_ADMIN_PASSWORD }
        : undefined,
    dbPoolSize: s.WEFT_DB_POOL_SIZE,
    workerConcurrency: s.WEFT_WORKER_CONCURRENCY,
    superviseSeconds: s.WEFT_JOBS_SUPERVISE_SECONDS,
    shutdownGraceSeconds: s.WEFT_SHUTDOWN_GRACE_SECONDS,
    outboxStaleSeconds: s.WEFT_OUTBOX_STALE_SECONDS,
    trustProxy: trustProxyOf(s.WEFT_TRUST_PROXY),
    publicOrigin: s.WEFT_PUBLIC_ORIGIN?.replace(/\/$/, ''),
    loginThrottle: {
      userFailures: s.WEFT_LOGIN_MAX_FAILURES,
      addressFailures: s.WEFT_LOGIN_MAX_FAILURES_PER_ADDRESS,
      lockSeconds: s.WEFT_LOGIN_LOCK_SECONDS,
    },
    allowPrivateUrls: s.WEFT_ALLOW_PRIVATE_URLS,
    metrics: {
      token: s.WEFT_METRICS_TOKEN,
      address: s.WEFT_METRICS_ADDRESS ? (metricsAddressOf(s.WEFT_METRICS_ADDRESS) ?? undefined) : undefined,
    },
    logLevel: s.LOG_LEVEL,
  };
}

/** The settings table for the README and `weft config`: name, default, meaning. */
export const settingsHelp: Array<[string, string, string]> = [
  ['PORT', '8080', 'HTTP port of the API and console'],
  ['HOST', '0.0.0.0', 'address to listen on'],
  ['DATABASE_URL', '(unset)', 'PostgreSQL URL; unset means the embedded database (PGlite) in WEFT_DATA_DIR'],
  ['WEFT_DATA_DIR', './data', 'embedded database, master key file and other local state'],
  [
    'WEFT_MASTER_KEY',
    '(key file)',
    '32-byte key (64 hex or base64) that encrypts marketplace secrets; unset means a key file made on first run in WEFT_DATA_DIR',
  ],
  ['WEFT_ADMIN_USER / WEFT_ADMIN_PASSWORD', '(unset)', 'first admin, created on start when no user exists'],
  ['WEFT_DB_POOL_SIZE', '10', 'PostgreSQL connections per process'],
  ['WEFT_WORKER_CONCURRENCY', '2', 'jobs of one queue worked at once per process'],
  [
    'WEFT_JOBS_SUPERVISE_SECONDS',
    '30',
    'a worker that stops answering (no heartbeat) has its jobs put back and its sync runs closed as abandoned within this many seconds',
  ],
  [
    'WEFT_SHUTDOWN_GRACE_SECONDS',
    '30',
    'on SIGTERM, how long in-flight jobs may finish before they go back to the queue',
  ],
  [
    'WEFT_OUTBOX_STALE_SECONDS',
    '300',
    'a marketplace call left in flight by a stopped process is taken over (after a read-back) after this long',
  ],
  [
    'WEFT_TRUST_PROXY',
    'false',
    "behind an HTTPS reverse proxy: true, or the proxies' addresses/CIDR ranges; then X-Forwarded-Proto/-For are believed (Secure session cookie, HSTS, client address for sign-in throttling)",
  ],
  [
    'WEFT_PUBLIC_ORIGIN',
    '(unset)',
    "the origin browsers use (https://weft.example.com), when a proxy rewrites the Host header; the console's same-origin check accepts it",
  ],
  [
    'WEFT_LOGIN_MAX_FAILURES',
    '5',
    'failed sign-ins of one username within WEFT_LOGIN_LOCK_SECONDS before its sign-ins are refused (429) for that long',
  ],
  ['WEFT_LOGIN_MAX_FAILURES_PER_ADDRESS', '30', 'the same, per client address'],
  [
    'WEFT_LOGIN_LOCK_SECONDS',
    '900',
    'the window in which failed sign-ins are counted, and how long a sign-in stays refused',
  ],
  [
    'WEFT_ALLOW_PRIVATE_URLS',
    'false',
    'let channel (AJIO) and e-invoice (IRP) addresses be plain http: or loopback/private addresses, as a sandbox on your own machine or network is; off, they must be https: to a public address (on in `weft demo`)',
  ],
  [
    'WEFT_METRICS_TOKEN',
    '(unset)',
    'serve Prometheus metrics at /metrics on the API port to scrapers that send "Authorization: Bearer <token>" (at least 16 characters); see docs/metrics.md',
  ],
  [
    'WEFT_METRICS_ADDRESS',
    '(unset)',
    'serve Prometheus metrics at /metrics on this host:port of its own (such as 127.0.0.1:9464), in every process, workers included; with WEFT_METRICS_TOKEN set the token is needed there too. Neither set: no metrics',
  ],
  ['LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
  ['WEFT_CONFIG', '(unset)', 'optional JSON file with any of these settings; the environment wins'],
];
