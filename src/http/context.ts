import type { Database } from '../db/connect.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { JobRuntime } from '../jobs/runtime.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { defaultLoginThrottle, type LoginThrottleSettings } from '../core/users/login-throttle.ts';

/** The HTTP-side security settings (WEFT_TRUST_PROXY, WEFT_PUBLIC_ORIGIN, WEFT_LOGIN_*). */
export interface HttpSettings {
  /** Fastify's trustProxy: false, true (any proxy), or the proxies' addresses and CIDR ranges, comma-separated. */
  trustProxy: boolean | string;
  /** The origin browsers see (https://weft.example.com) when a proxy changes the Host header; for the CSRF check. */
  publicOrigin?: string;
  loginThrottle: LoginThrottleSettings;
}

export const defaultHttpSettings: HttpSettings = { trustProxy: false, loginThrottle: defaultLoginThrottle };

export const httpSettingsOf = (context: AppContext): HttpSettings => ({
  ...defaultHttpSettings,
  ...context.http,
  loginThrottle: { ...defaultLoginThrottle, ...context.http?.loginThrottle },
});

/** What routes are built with. */
export interface AppContext {
  database: Database;
  secrets: SecretBox;
  jobs: JobRuntime;
  log: Logger;
  /**
   * Weft's clock for what is computed at request time (the PO SLA clock); the system clock unless a
   * test sets one (the AJIO sandbox's, so moving the sandbox 20 hours ahead moves Weft with it).
   */
  now?: () => Date;
  /** Defaults (defaultHttpSettings) for what is not given, as in tests. */
  http?: Partial<Omit<HttpSettings, 'loginThrottle'>> & { loginThrottle?: Partial<LoginThrottleSettings> };
  /** /metrics on this port; without a token it answers 404 (metrics off, or only on their own address). */
  metrics?: {
    /** The process's metrics (service.ts shares them with the separate listener); made here when not given. */
    exposition?: Metrics;
    /** WEFT_METRICS_TOKEN. */
    token?: string;
    /** WEFT_METRICS_ADDRESS is set: the 404 says the metrics are there. */
    separateAddress?: boolean;
    /** How long one database read serves scrapes (tests use 0). */
    cacheMs?: number;
  };
}

/** The time it is for a request: the context's clock, or the system's. */
export const nowOf = (context: AppContext): Date => (context.now ? context.now() : new Date());
