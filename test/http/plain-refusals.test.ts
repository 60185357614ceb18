import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';

/**
 * Every refusal in plain words: over the route table (the OpenAPI document lists every operation), bodies
 * and queries with bad values in every field — missing, empty, too long, of the wrong type, out of range,
 * not in the list — are sent as an admin. No refusal, nor any of its per-field details, may carry zod's
 * own phrases ("Too small: expected string to have >=1 characters").
 */
const rawPhrases = /expected|Too small|Too big|Invalid input|Invalid option|>=|<=|received/;
const seed = Number(process.env.FUZZ_SEED ?? 20_261_203);
const runsPerOperation = Number(process.env.FUZZ_RUNS ?? 25);

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

interface Operation {
  method: string;
  url: string;
  path: string[];
  query: string[];
  body?: JsonSchema;
}

function operationsOf(document: { paths: Record<string, Record<string, any>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([url, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const parameters: { in: string; name: string }[] = op.parameters ?? [];
      return {
        method: method.toUpperCase(),
        url,
        path: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: op.requestBody?.content?.['application/json']?.schema,
      };
    }),
  );
}

/** A value that breaks some rule of most fields, or a plausible one so the other fields are reached. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', ' ', 'x', 'x'.repeat(5000), -1, 0, 1.5, 1e15, -2_147_483_649, true, null, [], {}, ['']),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.oneof(fc.constant({}), fc.constant(''), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('quantity', 'sku', 'code', 'name'), fc.oneof(fc.constant(''), fc.integer()), {
    maxKeys: 2,
  }),
);

function bodyFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const fields = Object.keys(schema?.properties ?? {});
  const object = fc.record(Object.fromEntries(fields.map((f) => [f, badValue])), { requiredKeys: [] });
  return fc.oneof({ arbitrary: object, weight: 8 }, { arbitrary: badValue, weight: 1 });
}

const queryValue = fc.constantFrom('', 'x', '-1', '0', '1.5', '1e3', '99999999999999999999999', 'x'.repeat(300));

function requestFor(op: Operation) {
  return fc.record({
    segments: fc.tuple(...op.path.map(() => fc.constantFrom('1', 'SKU-1', 'x', '0', '-5'))),
    query: fc.record(Object.fromEntries(op.query.map((q) => [q, queryValue])), { requiredKeys: [] }),
    body: op.method === 'GET' || op.method === 'DELETE' ? fc.constant(undefined) : bodyFor(op.body),
  });
}

function urlOf(op: Operation, request: { segments: string[]; query: Record<string, string> }) {
  let path = op.url;
  op.path.forEach((name, i) => {
    path = path.replace(`{${name}}`, encodeURIComponent(request.segments[i]));
  });
  const query = new URLSearchParams(request.query).toString();
  return query ? `${path}?${query}` : path;
}

for (const kind of databaseKinds) {
  describe(`plain refusals over the route table (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(kind);
    });
    after(async () => {
      await t?.close();
    });

    test('no refusal carries zod’s raw phrases, whatever the bad input', async (context) => {
      await t.app.ready();
      // Signing in and out would end the admin token the requests use; their refusals are hand-written.
      const operations = operationsOf(t.app.swagger() as never).filter(
        (op) =>
          !op.url.startsWith('/api/auth') && op.method !== 'DELETE' && (op.body || op.query.length || op.path.length),
      );
      assert.ok(operations.length >= 40, `only ${operations.length} operations take input`);
      let refusals = 0;
      const failures: string[] = [];
      for (const [index, op] of operations.entries()) {
        const result = await fc.check(
          fc.asyncProperty(requestFor(op), async (request) => {
            const response = await t.app.inject({
              method: op.method as never,
              url: urlOf(op, request as never),
              headers: { authorization: `Bearer ${t.tokens.admin}` },
              ...(request.body === undefined ? {} : { payload: JSON.stringify(request.body) ?? 'null' }),
            });
            if (response.statusCode !== 400) return;
            refusals++;
            const { error } = response.json() as { error: { message: string; details?: { message: string }[] } };
            const messages = [
              error.message,
              ...(Array.isArray(error.details) ? error.details : []).map((d) => d.message),
            ];
            for (const message of messages)
              assert.doesNotMatch(
                String(message),
                rawPhrases,
                `${op.method} ${urlOf(op, request as never)} ${JSON.stringify(request.body)?.slice(0, 200)}`,
              );
          }),
          { numRuns: runsPerOperation, seed: seed + index, endOnFailure: true },
        );
        if (result.failed) failures.push((result.errorInstance as Error).message.split('\n').slice(0, 3).join(' '));
      }
      context.diagnostic(`${refusals} refusals over ${operations.length} operations checked`);
      assert.ok(
        refusals >= operations.length * 5,
        `only ${refusals} refusals: the bad inputs did not reach the schemas`,
      );
      assert.deepEqual(failures, []);
    });
  });
}
