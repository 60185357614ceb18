// Fault injection: the next N calls of a route fail in a chosen way, chosen SKUs fail
// inside inventory batches, and field faults rename, drop or re-type a field of a call's answer. Routes are written "METHOD /path" relative to the path prefix;
// `*` in the path matches anything, a missing or `*` method matches every method.
import { badRequest } from './errors.ts';

/** `401` and `423` answer as AJIO refusing a login (INVALID_CREDENTIALS, LOGIN_LOCKED), for POST /authToken. */
export const FAULT_TYPES = ['500', '429', 'timeout', 'malformed-json', 'latency', '401', '423'] as const;
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

/**
 * A field fault changes the JSON answer of a call: the field(s) at `path` are renamed, dropped or
 * given another value. `path` is dotted with `[*]` for every element of an array, e.g.
 * `orders[*].po_number` or `orders[*].order_lines[*].tax_summary`.
 */
export const FIELD_ACTIONS = ['rename', 'drop', 'retype'] as const;
export type FieldAction = (typeof FIELD_ACTIONS)[number];

export interface FieldFaultRule {
  route: string;
  path: string;
  action: FieldAction;
  /** rename: the new field name. */
  to?: string;
  /** retype: the value put in place of the field's (default the string "abc"). */
  value?: unknown;
  /** Calls left; -1 = until cleared. */
  count: number;
}

interface CompiledFieldRule extends FieldFaultRule {
  method: string;
  pattern: RegExp;
  steps: PathStep[];
}

type PathStep = { key: string; each: boolean };

/** `a[*].b.c[*]` → [{a, each}, {b}, {c, each}]; rejects anything else. */
export function parseFieldPath(path: string): PathStep[] {
  const parts = path.split('.');
  return parts.map((part) => {
    const m = /^([A-Za-z0-9_$-]+)(\[\*\])?$/.exec(part);
    if (!m) throw badRequest(`path "${path}" is not a field path like orders[*].po_number`);
    return { key: m[1], each: m[2] !== undefined };
  });
}

/** Applies one field change in place to every match of `steps`; returns how many fields changed. */
export function applyFieldChange(
  body: unknown,
  rule: Pick<FieldFaultRule, 'action' | 'to' | 'value'>,
  steps: PathStep[],
) {
  let changed = 0;
  const visit = (node: unknown, i: number) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const obj = node as Record<string, unknown>;
    const { key, each } = steps[i];
    if (!(key in obj)) return;
    const last = i === steps.length - 1;
    if (last && each && rule.action === 'retype') {
      // `lines[*]` as the last step of a retype: every element is given the value.
      const list = obj[key];
      if (!Array.isArray(list)) return;
      for (let j = 0; j < list.length; j++) list[j] = rule.value;
      changed += list.length;
      return;
    }
    if (last) {
      if (rule.action === 'drop') delete obj[key];
      else if (rule.action === 'rename') {
        const value = obj[key];
        delete obj[key];
        obj[rule.to as string] = value;
      } else obj[key] = rule.value;
      changed++;
      return;
    }
    const next = obj[key];
    if (each) {
      if (!Array.isArray(next)) return;
      for (const el of next) visit(el, i + 1);
    } else visit(next, i + 1);
  };
  visit(body, 0);
  return changed;
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

function compileRoute(route: string): { method: string; pattern: RegExp } {
  const parts = route.trim().split(/\s+/);
  const [method, path] = parts.length === 2 ? [parts[0].toUpperCase(), parts[1]] : ['*', parts[0]];
  const escaped = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return { method, pattern: new RegExp(`^${escaped}$`) };
}

function compile(rule: FaultRule): CompiledRule {
  return { ...rule, ...compileRoute(rule.route) };
}

export class FaultBook {
  private rules: CompiledRule[] = [];
  private skuFailures = new Map<string, SkuFailure>();
  private fieldRules: CompiledFieldRule[] = [];

  get empty(): boolean {
    return this.rules.length === 0;
  }

  get noFieldFaults(): boolean {
    return this.fieldRules.length === 0;
  }

  addFieldFault(input: unknown): FieldFaultRule {
    const r = (input ?? {}) as Partial<FieldFaultRule>;
    if (typeof r.route !== 'string' || r.route.trim() === '') throw badRequest('route is required, e.g. "GET /orders"');
    if (typeof r.path !== 'string' || r.path === '') throw badRequest('path is required, e.g. "orders[*].po_number"');
    if (!FIELD_ACTIONS.includes(r.action as FieldAction))
      throw badRequest(`action must be one of ${FIELD_ACTIONS.join(', ')}`);
    if (r.action === 'rename' && (typeof r.to !== 'string' || !/^[A-Za-z0-9_$-]+$/.test(r.to)))
      throw badRequest('rename needs "to": the new field name');
    const count = r.count ?? 1;
    if (!Number.isInteger(count) || (count < 1 && count !== -1))
      throw badRequest('count must be a positive integer or -1');
    const steps = parseFieldPath(r.path);
    const rule: FieldFaultRule = {
      route: r.route,
      path: r.path,
      action: r.action as FieldAction,
      ...(r.action === 'rename' ? { to: r.to } : {}),
      ...(r.action === 'retype' ? { value: r.value === undefined ? 'abc' : r.value } : {}),
      count,
    };
    this.fieldRules.push({ ...rule, ...compileRoute(rule.route), steps });
    return rule;
  }

  /**
   * Applies every field fault matching the call to its JSON answer (each consumes one call) and
   * returns the changed text, or undefined when none matched or the answer is not JSON.
   */
  rewriteAnswer(method: string, path: string, text: string): string | undefined {
    const matching = this.fieldRules.filter((r) => (r.method === '*' || r.method === method) && r.pattern.test(path));
    if (matching.length === 0) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return undefined;
    }
    for (const r of matching) {
      applyFieldChange(body, r, r.steps);
      if (r.count > 0 && --r.count === 0) this.fieldRules.splice(this.fieldRules.indexOf(r), 1);
    }
    return JSON.stringify(body);
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
      fieldFaults: this.fieldRules.map(({ method: _m, pattern: _p, steps: _s, ...rule }) => rule),
    };
  }

  clear(): void {
    this.rules = [];
    this.fieldRules = [];
    this.skuFailures.clear();
  }
}
