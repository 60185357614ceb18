import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { databaseErrorOf } from '../../src/http/database-errors.ts';
import { startAjioSandbox, type StartedSandbox } from '../../src/sandbox/ajio/testing.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { insertOrder } from '../helpers/fulfilment-fixture.ts';
import { eq } from 'drizzle-orm';
import { channels, skus } from '../../src/db/schema.ts';
import {
  hostileString,
  knownFor,
  rawBodies,
  rawPathSegments,
  rawQueries,
  validValueFor,
  valueFor,
  type JsonSchema,
  type Pools,
} from '../helpers/fuzz-arbitraries.ts';

/**
 * Every operation of the API, as its OpenAPI document lists it, called as an admin with values shaped
 * by its schema and hostile at the leaves (see helpers/fuzz-arbitraries.ts). No answer may be a 5xx, a
 * 4xx must be in the API's error shape, every request must be answered, and no database error may be
 * what refused the input (the schemas must). Seeded: a failure names the seed and fast-check path that
 * reproduce it (FUZZ_SEED=… FUZZ_RUNS=… to change them).
 */
const seed = Number(process.env.FUZZ_SEED ?? 20_261_202);
const runsPerOperation = Number(process.env.FUZZ_RUNS ?? 40);
const answerWithinMs = 20_000;

interface Operation {
  method: string;
  url: string;
  path: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
}

interface FuzzRequest {
  segments: string[];
  query: string;
  body?: { json: unknown } | { raw: string };
  contentType?: string;
}

/** Percent-encodes as a browser would; a lone surrogate (which UTF-8 cannot carry) goes as U+FFFD. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
  }
}

const asText = (value: unknown) =>
  typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);

function operationsOf(document: { paths: Record<string, Record<string, any>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [url, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters: { in: string; name: string; schema: JsonSchema }[] = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        url,
        path: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

/**
 * Requests for an operation, of two kinds: hostile (every leaf may be hostile, extra fields, raw bodies,
 * malformed escapes, odd content types) and valid (shaped and filled from known values, so they reach
 * the handlers and the database and change its state for the requests after them).
 */
function requestFor(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { arbitrary: hostileRequest(op, pools), weight: 3 },
    { arbitrary: validRequest(op, pools), weight: 2 },
  );
}

const queryPart = (name: string) => (value: unknown) =>
  Array.isArray(value)
    ? value.map((x) => `${name}=${encode(asText(x))}`).join('&')
    : `${name}=${encode(asText(value))}`;
const hasBody = (op: Operation) => op.method !== 'GET' && op.method !== 'HEAD';

/** The resource a path parameter names: the literal segment before it (`/api/orders/{id}` → orders). */
function resourceOf(op: Operation, name: string): string | undefined {
  const segments = op.url.split('/');
  const at = segments.findIndex((segment) => segment.startsWith(`{${name}}`));
  const previous = segments[at - 1];
  return previous && !previous.startsWith('{') ? previous : undefined;
}

/** The last literal segment of an operation's path: what its answers are (`/api/users/{username}/tokens` → tokens). */
const answersAbout = (op: Operation) =>
  op.url
    .split('/')
    .filter((segment) => segment && !segment.startsWith('{'))
    .at(-1) ?? '';

/**
 * Codes and ids from successful answers go into the pools, so later operations find what earlier ones
 * made (a picklist created, then advanced, printed, prefetched).
 */
function harvest(pools: Pools, op: Operation, body: unknown) {
  const add = (resource: string, value: unknown) => {
    if ((typeof value !== 'string' && typeof value !== 'number') || (typeof value === 'string' && value.length > 100))
      return;
    pools.named[resource] ??= [];
    const pool = pools.named[resource];
    if (!pool.includes(value) && pool.length < 20) pool.push(value);
  };
  const resource = answersAbout(op);
  const records = [body, ...((body as { items?: unknown[] })?.items ?? [])].filter(
    (r): r is Record<string, unknown> => Boolean(r) && typeof r === 'object',
  );
  for (const record of records) {
    add(resource, record.code);
    add(resource, record.id);
    add('sync-runs', record.runId);
    add('listings', record.channelSku);
  }
}

function validRequest(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    segments: fc.tuple(
      ...op.path.map((p) =>
        validValueFor(p.schema, pools, 0, knownFor(pools, resourceOf(op, p.name), p.name)).map((v) =>
          encode(asText(v)),
        ),
      ),
    ),
    query: fc
      .tuple(
        ...op.query.map((p) =>
          fc.option(validValueFor(p.schema, pools, 0, knownFor(pools, undefined, p.name)).map(queryPart(p.name)), {
            nil: '',
          }),
        ),
      )
      .map((parts) => parts.filter(Boolean).join('&')),
    body: hasBody(op) && op.body ? validValueFor(op.body, pools).map((json) => ({ json })) : fc.constant(undefined),
    contentType: fc.constant(hasBody(op) && op.body ? 'application/json' : undefined),
  });
}

function hostileRequest(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const segment = (schema: JsonSchema) =>
    fc.oneof(
      { arbitrary: valueFor(schema, pools).map((v) => encode(asText(v))), weight: 6 },
      { arbitrary: fc.constantFrom(...rawPathSegments), weight: 2 },
      { arbitrary: fc.constantFrom(...pools.strings, ...pools.numbers.map(String)).map(encode), weight: 2 },
    );
  const query = fc
    .tuple(
      fc.tuple(
        ...op.query.map((p) => fc.option(valueFor(p.schema, pools).map(queryPart(p.name)), { nil: '', freq: 2 })),
      ),
      fc.option(fc.constantFrom(...rawQueries), { nil: '', freq: 4 }),
    )
    .map(([parts, raw]) => [...parts, raw].filter(Boolean).join('&'));

  const body: fc.Arbitrary<FuzzRequest['body']> = !hasBody(op)
    ? fc.constant(undefined)
    : fc.oneof(
        {
          arbitrary: (op.body ? valueFor(op.body, pools) : fc.jsonValue({ maxDepth: 2 })).map((json) => ({ json })),
          weight: 8,
        },
        { arbitrary: fc.constantFrom(...rawBodies).map((raw) => ({ raw })), weight: 1 },
        { arbitrary: hostileString(pools).map((raw) => ({ raw })), weight: 1 },
        { arbitrary: fc.constant(undefined), weight: op.body ? 1 : 4 },
      );
  const contentType = fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 12 },
    {
      arbitrary: fc.constantFrom(
        undefined,
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-16',
        'multipart/form-data; boundary=x',
        'application/xml',
        '*/*',
        'application/json\u0000',
      ),
      weight: 1,
    },
  );
  return fc.record({ segments: fc.tuple(...op.path.map((p) => segment(p.schema))), query, body, contentType });
}

function urlOf(op: Operation, request: FuzzRequest): string {
  let url = op.url;
  op.path.forEach((p, i) => {
    url = url.replace(`{${p.name}}`, request.segments[i]);
  });
  return request.query ? `${url}?${request.query}` : url;
}

const shorten = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text);

function describeRequest(op: Operation, request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? ''
      : 'raw' in request.body
        ? ` raw ${JSON.stringify(shorten(request.body.raw))}`
        : ` ${shorten(JSON.stringify(request.body.json) ?? 'undefined')}`;
  return `${op.method} ${shorten(urlOf(op, request))} [${request.contentType ?? 'no content-type'}]${body}`;
}

/** What is wrong with an answer, or null. */
function problemWith(response: LightMyRequestResponse): string | null {
  if (response.statusCode >= 500) return `answered ${response.statusCode}: ${shorten(response.body)}`;
  if (response.statusCode < 400) return null;
  let body: { error?: { code?: unknown; message?: unknown; field?: unknown } };
  try {
    body = response.json();
  } catch {
    return `answered ${response.statusCode} with a body that is not JSON: ${shorten(response.body)}`;
  }
  const error = body?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !error.message) {
    return `answered ${response.statusCode} outside the error shape {error:{code,message,field?}}: ${shorten(response.body)}`;
  }
  if (error.field !== undefined && typeof error.field !== 'string')
    return `answered ${response.statusCode} with a field that is not a string: ${shorten(response.body)}`;
  return null;
}

for (const kind of databaseKinds) {
  describe(`fuzz every operation (${kind})`, () => {
    let t: TestApp;
    let sandbox: StartedSandbox;
    /** Errors that reached the error handler as database errors or faults: schema gaps, even when mapped to 4xx. */
    const refusedByDatabase: string[] = [];
    const pools: Pools = { strings: [], numbers: [1, 2, 3], named: {} };

    before(async () => {
      t = await createTestApp(kind);
      t.app.addHook('onError', async (request, _reply, error) => {
        const database = databaseErrorOf(error);
        if (database)
          refusedByDatabase.push(
            `${request.method} ${request.routeOptions.url}: SQLSTATE ${database.code} ${database.message}`,
          );
      });
      // Something to find, so requests reach past "not found": a warehouse, SKUs, stock, a channel, a user.
      sandbox = await startAjioSandbox({
        sellers: [{ username: 'DVFUZZ01', password: 'api-secret' }],
        rateLimit: false,
        market: { poEverySeconds: 0 },
      });
      const make = async (url: string, body: unknown) => {
        const response = await t.call('POST', url, { body });
        assert.ok(response.statusCode < 300, `POST ${url}: ${response.body}`);
        return response.json();
      };
      await make('/api/warehouses', {
        code: 'MUM1',
        name: 'Bhiwandi',
        stateCode: '27',
        pincode: '421302',
        gstin: '27AAACR5055K1Z7',
      });
      await make('/api/skus', { code: 'SKU-1', name: 'Kurta M', mrpPaise: 129_900, ean: '8901234567890' });
      await make('/api/skus', { code: 'SKU-2', name: 'Kurta L', mrpPaise: 129_900 });
      await make('/api/inventory/movements', {
        warehouse: 'MUM1',
        sku: 'SKU-1',
        kind: 'inbound',
        quantity: 10,
        reason: 'opening stock',
      });
      await make('/api/users', { username: 'victim1', password: 'victim-password-1', role: 'operator' });
      const channel = await make('/api/channels', {
        type: 'ajio-jit',
        name: 'AJIO Fuzz',
        warehouse: 'MUM1',
        // Created live: this test expects its writes to reach the sandbox (new channels start in shadow).
        mode: 'live',
        settings: {
          orderSyncFrom: '2024-01-01',
          returnSyncFrom: '2024-01-01',
          baseUrl: sandbox.url,
          rateLimitPerSecond: 50,
        },
        interface: { username: 'DVFUZZ01', password: 'api-secret', isB2B: 'Yes' },
      });
      // Open orders as the order pull leaves them, so picklists, packing and cancels have something to act on.
      const db = t.database.db;
      const [row] = await db
        .select({ id: channels.id, warehouseId: channels.warehouseId })
        .from(channels)
        .where(eq(channels.code, channel.code));
      const [sku] = await db.select({ id: skus.id }).from(skus).where(eq(skus.code, 'SKU-1'));
      const orderIds: number[] = [];
      for (const po of ['PO-F1', 'PO-F2', 'PO-F3']) {
        orderIds.push(
          (
            await insertOrder(db, { channelId: row.id, warehouseId: row.warehouseId }, po, [
              { sku: 'SKU-1', skuId: sku.id, quantity: 2 },
            ])
          ).id,
        );
      }
      // The admin the fuzz signs in as (admin1) is left out, so no request can disable or demote it.
      Object.assign(pools.named, {
        channels: [channel.code],
        warehouses: ['MUM1'],
        skus: ['SKU-1', 'SKU-2', '8901234567890'],
        users: ['victim1'],
        streams: ['inventory', 'orders', 'skus', 'backorders', 'returns', 'reconcile'],
        orders: orderIds,
        levels: ['MUM1'],
      });
      pools.strings.push(
        'MUM1',
        'SKU-1',
        'SKU-2',
        '8901234567890',
        channel.code,
        'victim1',
        'inventory',
        'orders',
        'skus',
        'ajio-jit',
        'true',
      );
    });

    after(async () => {
      await sandbox?.close();
      await t?.close();
    });

    test('no operation answers 5xx, leaves the error shape, or stays silent', async (context) => {
      await t.app.ready();
      const operations = operationsOf(t.app.swagger() as never);
      assert.ok(
        operations.length >= 70,
        `the OpenAPI document lists ${operations.length} operations; expected every route`,
      );
      let requests = 0;
      /** Answers by class, so the figures show how many requests got past validation into the handlers. */
      const answered = { '2xx': 0, '4xx': 0 };
      const failures: string[] = [];

      async function send(op: Operation, request: FuzzRequest): Promise<string | null> {
        requests++;
        const headers: Record<string, string> = { authorization: `Bearer ${t.tokens.admin}` };
        if (request.contentType) headers['content-type'] = request.contentType;
        const payload =
          request.body === undefined
            ? undefined
            : 'raw' in request.body
              ? request.body.raw
              : (JSON.stringify(request.body.json) ?? 'null');
        const refusedBefore = refusedByDatabase.length;
        let timer: NodeJS.Timeout | undefined;
        const response = await Promise.race([
          t.app.inject({
            method: op.method as never,
            url: urlOf(op, request),
            headers,
            ...(payload === undefined ? {} : { payload }),
          }),
          new Promise<null>((resolve) => {
            timer = setTimeout(() => resolve(null), answerWithinMs);
          }),
        ]).finally(() => clearTimeout(timer));
        if (!response) return `no answer within ${answerWithinMs / 1000} s`;
        if (response.statusCode < 400) {
          answered['2xx']++;
          if (response.headers['content-type']?.toString().startsWith('application/json'))
            harvest(pools, op, response.json());
        } else if (response.statusCode < 500) answered['4xx']++;
        const problem = problemWith(response);
        if (problem) return problem;
        const refused = refusedByDatabase[refusedBefore];
        return refused
          ? `answered ${response.statusCode}, but the database refused the input, not a schema: ${shorten(refused)}`
          : null;
      }

      for (const [index, op] of operations.entries()) {
        const before = requests;
        const succeededBefore = answered['2xx'];
        const result = await fc.check(
          fc.asyncProperty(requestFor(op, pools), async (request) => {
            const problem = await send(op, request);
            if (problem) throw new Error(`${problem}\n    request: ${describeRequest(op, request)}`);
          }),
          { numRuns: runsPerOperation, seed: seed + index, endOnFailure: true },
        );
        if (result.failed) {
          failures.push(
            `${op.method} ${op.url} — ${(result.errorInstance as Error | undefined)?.message ?? 'failed'}\n    reproduce: FUZZ_SEED=${seed} (operation seed ${seed + index}, fast-check path ${result.counterexamplePath})`,
          );
        }
        context.diagnostic(
          `${op.method} ${op.url}: ${requests - before} requests, ${answered['2xx'] - succeededBefore} answered 2xx${result.failed ? ' — FAILED' : ''}`,
        );
      }
      context.diagnostic(
        `${requests} requests over ${operations.length} operations (${runsPerOperation} per operation, seed ${seed}) on ${kind}: ` +
          `${answered['2xx']} answered 2xx, ${answered['4xx']} answered 4xx`,
      );
      assert.deepEqual(failures, [], `${failures.length} operations failed:\n${failures.join('\n')}`);
    });
  });
}
