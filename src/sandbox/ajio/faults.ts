// Fault injection: the next N calls of a route fail in a chosen way, and chosen SKUs fail
// inside inventory batches. Routes are written "METHOD /path" relative to the path prefix;
// `*` in the path matches anything, a missing or `*` method matches every method.
import { badRequest } from './errors.ts';

export const FAULT_TYPES = ['500', '429', 'timeout', 'malformed-json', 'latency'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

export interface FaultRule {
  route: string;
  type: FaultType;
  /** Calls left; -1 = until cleared. */
  count: number;
  /** latency: added delay before handling. */
  latencyMs?: number;
  /** timeout: how long the request is held before the socket is destroyed. */
  holdMs?: number;
  /** 429: Retry-After seconds. */
  retryAfter?: number;
  /** 500 / timeout / malformed-json: run the handler first, so the change happens but the reply is lost. */
  processed?: boolean;
}

interface CompiledRule extends FaultRule {
  method: string;
  pattern: RegExp;
}

export interface SkuFailure {
  sku: string;
  message: string;
  count: number;
}

function compile(rule: FaultRule): CompiledRule {
  const parts = rule.route.trim().split(/\s+/);
  const [method, path] = parts.length === 2 ? [parts[0].toUpperCase(), parts[1]] : ['*', parts[0]];
  const escaped = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return { ...rule, method, pattern: new RegExp(`^${escaped}$`) };
}

export class FaultBook {
  private rules: CompiledRule[] = [];
  private skuFailures = new Map<string, SkuFailure>();

  get empty(): boolean {
    return this.rules.length === 0;
  }

  add(input: unknown): FaultRule {
    const r = (input ?? {}) as Partial<FaultRule>;
    if (typeof r.route !== 'string' || r.route.trim() === '') throw badRequest('route is required, e.g. "GET /orders"');
    if (!FAULT_TYPES.includes(r.type as FaultType)) throw badRequest(`type must be one of ${FAULT_TYPES.join(', ')}`);
    const count = r.count ?? 1;
    if (!Number.isInteger(count) || (count < 1 && count !== -1))
      throw badRequest('count must be a positive integer or -1');
    const rule: FaultRule = {
      route: r.route,
      type: r.type as FaultType,
      count,
      latencyMs: r.latencyMs ?? (r.type === 'latency' ? 1000 : undefined),
      holdMs: r.holdMs ?? (r.type === 'timeout' ? 30_000 : undefined),
      retryAfter: r.retryAfter ?? (r.type === '429' ? 1 : undefined),
      processed: r.processed ?? false,
    };
    this.rules.push(compile(rule));
    return rule;
  }

  addSkuFailure(input: unknown): SkuFailure {
    const f = (input ?? {}) as Partial<SkuFailure>;
    if (typeof f.sku !== 'string' || f.sku === '') throw badRequest('skuFailures[].sku is required');
    const failure = { sku: f.sku, message: f.message ?? 'INVENTORY_UPDATE_FAILED', count: f.count ?? -1 };
    this.skuFailures.set(f.sku, failure);
    return failure;
  }

  /** Consumes one call of the first matching rule. */
  take(method: string, path: string): FaultRule | undefined {
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i];
      if ((r.method === '*' || r.method === method) && r.pattern.test(path)) {
        if (r.count > 0 && --r.count === 0) this.rules.splice(i, 1);
        return r;
      }
    }
    return undefined;
  }

  takeSkuFailure(sku: string): string | undefined {
    if (this.skuFailures.size === 0) return undefined;
    const f = this.skuFailures.get(sku);
    if (!f) return undefined;
    if (f.count > 0 && --f.count === 0) this.skuFailures.delete(sku);
    return f.message;
  }

  list() {
    return {
      faults: this.rules.map(({ method: _m, pattern: _p, ...rule }) => rule),
      skuFailures: [...this.skuFailures.values()],
    };
  }

  clear(): void {
    this.rules = [];
    this.skuFailures.clear();
  }
}
