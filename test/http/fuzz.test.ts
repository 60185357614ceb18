import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { buildApp } from '../../src/http/app.ts';
import { SecretBox } from '../../src/core/secrets.ts';
import { createUser, issueToken } from '../../src/core/users/users.ts';
import { JobRuntime } from '../../src/jobs/runtime.ts';
import { jobDefinitions } from '../../src/jobs/definitions/index.ts';
import { createLogger } from '../../src/log.ts';
import { startAjioSandbox, type StartedSandbox } from '../../src/sandbox/ajio/testing.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases.ts';
import { hostileString, rawBodies, rawPathSegments, rawQueries, valueFor, type JsonSchema, type Pools } from '../helpers/fuzz-arbitraries.ts';

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

const asText = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));

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

function requestFor(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const segment = (schema: JsonSchema) => fc.oneof(
    { arbitrary: valueFor(schema, pools).map((v) => encode(asText(v))), weight: 6 },
    { arbitrary: fc.constantFrom(...rawPathSegments), weight: 2 },
    { arbitrary: fc.constantFrom(...pools.strings, ...pools.numbers.map(String)).map(encode), weight: 2 },
  );
  const queryPart = ({ name, schema }: { name: string; schema: JsonSchema }) => fc.option(
    valueFor(schema, pools).map((v) => (Array.isArray(v) ? v.map((x) => `${name}=${encode(asText(x))}`).join('&') : `${name}=${encode(asText(v))}`)),
    { nil: '', freq: 2 },
  );
  const query = fc.tuple(
    fc.tuple(...op.query.map(queryPart)),
    fc.option(fc.constantFrom(...rawQueries), { nil: '', freq: 4 }),
  ).map(([parts, raw]) => [...parts, raw].filter(Boolean).join('&'));

  const hasBody = op.method !== 'GET' && op.method !== 'HEAD';
  const body: fc.Arbitrary<FuzzRequest['body']> = !hasBody ? fc.constant(undefined) : fc.oneof(
    { arbitrary: (op.body ? valueFor(op.body, pools) : fc.jsonValue({ maxDepth: 2 })).map((json) => ({ json })), weight: 8 },
    { arbitrary: fc.constantFrom(...rawBodies).map((raw) => ({ raw })), weight: 1 },
    { arbitrary: hostileString(pools).map((raw) => ({ raw })), weight: 1 },
    { arbitrary: fc.constant(undefined), weight: op.body ? 1 : 4 },
  );
  const contentType = fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 12 },
    { arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', 'application/xml', '*/*', 'application/json\u0000'), weight: 1 },
  );
  return fc.record({ segments: fc.tuple(...op.path.map((p) => segment(p.schema))), query, body, contentType });
}

function urlOf(op: Operation, request: FuzzRequest): string {
  let url = op.url;
  op.path.forEach((p, i) => { url = url.replace(`{${p.name}}`, request.segments[i]); });
  return request.query ? `${url}?${request.query}` : url;
}

const shorten = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text);

function describeRequest(op: Operation, request: FuzzRequest): string {
  const body = request.body === undefined ? '' : 'raw' in request.body ? ` raw ${JSON.stringify(shorten(request.body.raw))}` : ` ${shorten(JSON.stringify(request.body.json) ?? 'undefined')}`;
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
  if (error.field !== undefined && typeof error.field !== 'string') return `answered ${response.statusCode} with a field that is not a string: ${shorten(response.body)}`;
  return null;
}

for (const kind of databaseKinds) {
  describe(`fuzz every operation (${kind})`, () => {
    let app: FastifyInstance;
    let database: TestDatabase;
    let jobs: JobRuntime;
    let sandbox: StartedSandbox;
    let token: string;
    const logLines: string[] = [];
    const pools: Pools = { strings: [], numbers: [1, 2, 3] };

    before(async () => {
      database = await createTestDatabase(kind);
      // Warnings and errors are kept: a database error mapped to 400 is a schema gap, and counts as a failure.
      const log = createLogger('warn', { write: (line: string) => { logLines.push(line); } });
      const secrets = new SecretBox(randomBytes(32));
      jobs = await JobRuntime.start({ database, secrets, log, definitions: jobDefinitions, work: false, supervise: false, concurrency: 1, superviseSeconds: 30 });
      app = await buildApp({ database, secrets, jobs, log });
      const admin = await createUser(database.db, { username: 'fuzzadmin', password: 'fuzz-admin-password-1', role: 'admin' }, 'test');
      token = (await issueToken(database.db, admin, 'fuzz')).token;
      // Something to find, so requests reach past "not found": a warehouse, SKUs, stock, a channel, a user.
      sandbox = await startAjioSandbox({ sellers: [{ username: 'DVFUZZ01', password: 'api-secret' }], rateLimit: false, market: { poEverySeconds: 0 } });
      const make = async (method: string, url: string, body: unknown) => {
        const response = await app.inject({ method: method as never, url, headers: { authorization: `Bearer ${token}` }, payload: body as object });
        assert.ok(response.statusCode < 300, `${method} ${url}: ${response.body}`);
        return response.json();
      };
      await make('POST', '/api/warehouses', { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302', gstin: '27AAACR5055K1Z7' });
      await make('POST', '/api/skus', { code: 'SKU-1', name: 'Kurta M', mrpPaise: 129_900, ean: '8901234567890' });
      await make('POST', '/api/skus', { code: 'SKU-2', name: 'Kurta L', mrpPaise: 129_900 });
      await make('POST', '/api/inventory/movements', { warehouse: 'MUM1', sku: 'SKU-1', kind: 'inbound', quantity: 10, reason: 'opening stock' });
      await make('POST', '/api/users', { username: 'victim1', password: 'victim-password-1', role: 'operator' });
      const channel = await make('POST', '/api/channels', {
        type: 'ajio-jit', name: 'AJIO Fuzz', warehouse: 'MUM1',
        settings: { orderSyncFrom: '2024-01-01', returnSyncFrom: '2024-01-01', baseUrl: sandbox.url, rateLimitPerSecond: 50 },
        interface: { username: 'DVFUZZ01', password: 'api-secret', isB2B: 'Yes' },
      });
      pools.strings.push('MUM1', 'SKU-1', 'SKU-2', '8901234567890', channel.code, 'victim1', 'inventory', 'orders', 'skus', 'ajio-jit', 'true');
    });

    after(async () => {
      await app?.close();
      await jobs?.stop(1);
      await sandbox?.close();
      await database?.dispose();
    });

    test('no operation answers 5xx, leaves the error shape, or stays silent', async (t) => {
      await app.ready();
      const operations = operationsOf(app.swagger() as never);
      assert.ok(operations.length >= 70, `the OpenAPI document lists ${operations.length} operations; expected every route`);
      let requests = 0;
      const failures: string[] = [];

      async function send(op: Operation, request: FuzzRequest): Promise<string | null> {
        requests++;
        const headers: Record<string, string> = { authorization: `Bearer ${token}` };
        if (request.contentType) headers['content-type'] = request.contentType;
        const payload = request.body === undefined ? undefined : 'raw' in request.body ? request.body.raw : JSON.stringify(request.body.json) ?? 'null';
        const logged = logLines.length;
        let timer: NodeJS.Timeout | undefined;
        const response = await Promise.race([
          app.inject({ method: op.method as never, url: urlOf(op, request), headers, ...(payload === undefined ? {} : { payload }) }),
          new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), answerWithinMs); }),
        ]).finally(() => clearTimeout(timer));
        if (!response) return `no answer within ${answerWithinMs / 1000} s`;
        const problem = problemWith(response);
        if (problem) return problem;
        const refused = logLines.slice(logged).find((line) => /database refused input|request failed|routing failed/.test(line));
        return refused ? `answered ${response.statusCode}, but the database refused the input rather than a schema: ${shorten(refused)}` : null;
      }

      for (const [index, op] of operations.entries()) {
        const before = requests;
        const result = await fc.check(fc.asyncProperty(requestFor(op, pools), async (request) => {
          const problem = await send(op, request);
          if (problem) throw new Error(`${problem}\n    request: ${describeRequest(op, request)}`);
        }), { numRuns: runsPerOperation, seed: seed + index, endOnFailure: true });
        if (result.failed) {
          failures.push(`${op.method} ${op.url} — ${(result.errorInstance as Error | undefined)?.message ?? 'failed'}\n    reproduce: FUZZ_SEED=${seed} (operation seed ${seed + index}, fast-check path ${result.counterexamplePath})`);
        }
        t.diagnostic(`${op.method} ${op.url}: ${requests - before} requests${result.failed ? ' — FAILED' : ''}`);
      }
      t.diagnostic(`${requests} requests over ${operations.length} operations (${runsPerOperation} per operation, seed ${seed}) on ${kind}`);
      assert.deepEqual(failures, [], `${failures.length} operations failed:\n${failures.join('\n')}`);
    });
  });
}
