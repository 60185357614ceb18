import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/**
 * Every operation declares what it answers (src/http/responses/), so the OpenAPI document describes
 * it for API users, the serializer answers by it, and the console's types come from it (web/ imports
 * those schemas' types: a console that reads a field the server does not send does not compile).
 */

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  required?: string[];
};
type Response = { description?: string; content?: Record<string, { schema?: Schema }> };
type Operation = { responses?: Record<string, Response> };

describe('OpenAPI response schemas', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  before(async () => {
    t = await createTestApp('pglite');
    const response = await t.call('GET', '/api/docs/json', { as: null });
    assert.equal(response.statusCode, 200);
    paths = response.json().paths;
  });
  after(() => t.close());

  const operations = () =>
    Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        responses: operation.responses ?? {},
      })),
    );

  test('every operation declares a schema for its 2xx answer, and the error shape for 4xx', () => {
    const all = operations();
    assert.ok(all.length > 70, `the document lists every route (found ${all.length})`);
    const missing: string[] = [];
    for (const { name, responses } of all) {
      const ok = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
      const described = ok.some(
        ([status, answer]) =>
          status === '204' || Object.values(answer.content ?? {}).some((c) => c.schema !== undefined),
      );
      if (!described) missing.push(`${name}: no 2xx answer schema`);
      const error = responses['4XX'] ?? responses['4xx'];
      const errorSchema = error && Object.values(error.content ?? {})[0]?.schema;
      if (!errorSchema?.properties?.error) missing.push(`${name}: no 4xx error shape`);
    }
    assert.deepEqual(missing, []);
  });

  test("answers describe their fields: a return's status is one of the three the database allows, times are date-time", () => {
    const list = paths['/api/returns'].get.responses!['200'].content!['application/json'].schema!;
    const item = list.properties!.items.items!;
    assert.deepEqual([...item.properties!.status.enum!].sort(), ['closed', 'confirmed', 'receiving']);
    assert.equal(item.properties!.createdAt.format, 'date-time');
    assert.ok(item.required!.includes('unmappedLines'));
  });

  test('the answer is serialized by its schema: times are ISO strings, and nothing undeclared leaks out', async () => {
    const response = await t.call('GET', '/api/users', { as: 'admin' });
    assert.equal(response.statusCode, 200);
    const [user] = response.json().items;
    assert.match(user.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.deepEqual(Object.keys(user).sort(), ['active', 'createdAt', 'id', 'lastSeenAt', 'role', 'username']);
  });
});
