import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiError,
  failureKindOf,
  get,
  isNetworkFailure,
  messageOf,
  noConnectionMessage,
  post,
} from '../../web/src/api.ts';

/**
 * The console's API client tells a lost connection from a refusal: a rejected fetch, a timeout or a
 * gateway's 502–504 is "no connection", never the words of a refusal; Weft's own 4xx is a refusal with
 * its message; Weft's own 5xx is a server fault.
 */
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function answer(status: number, body: string, contentType = 'application/json') {
  globalThis.fetch = (async () =>
    new Response(body, { status, headers: { 'content-type': contentType } })) as typeof fetch;
}

async function failureOf(call: () => Promise<unknown>): Promise<ApiError> {
  try {
    await call();
  } catch (e) {
    assert.ok(e instanceof ApiError, `an ApiError, got ${String(e)}`);
    return e;
  }
  assert.fail('the call did not fail');
}

describe('the console API client', () => {
  test('a rejected fetch (no network) is a network failure with the no-connection message', async () => {
    globalThis.fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const e = await failureOf(() => get('/api/orders'));
    assert.equal(e.kind, 'network');
    assert.equal(isNetworkFailure(e), true);
    assert.equal(e.message, noConnectionMessage);
    assert.doesNotMatch(e.message, /refus/i);
  });

  test('a timeout is a network failure', async () => {
    globalThis.fetch = (async () => {
      throw new DOMException('The operation timed out.', 'TimeoutError');
    }) as typeof fetch;
    const e = await failureOf(() => get('/api/orders'));
    assert.equal(e.kind, 'network');
    assert.equal(e.message, noConnectionMessage);
  });

  test('a body cut off half-way is a network failure', async () => {
    globalThis.fetch = (async () =>
      ({
        status: 200,
        ok: true,
        text: async () => {
          throw new TypeError('network error');
        },
      }) as unknown as Response) as typeof fetch;
    assert.equal((await failureOf(() => get('/api/orders'))).kind, 'network');
  });

  for (const status of [502, 503, 504]) {
    test(`a gateway's ${status} page (not Weft's answer) is a network failure`, async () => {
      answer(status, '<html><body>Bad Gateway</body></html>', 'text/html');
      const e = await failureOf(() => post('/api/picklists', { warehouse: 'WH1' }));
      assert.equal(e.kind, 'network');
      assert.equal(isNetworkFailure(e), true);
      assert.equal(e.message, noConnectionMessage);
    });
  }

  test("Weft's own 503 with its reason is a server failure with that reason", async () => {
    answer(503, JSON.stringify({ error: { code: 'unavailable', message: 'AJIO is not answering; try again later.' } }));
    const e = await failureOf(() => get('/api/channels/X/test'));
    assert.equal(e.kind, 'server');
    assert.equal(isNetworkFailure(e), false);
    assert.equal(e.message, 'AJIO is not answering; try again later.');
  });

  test('a 4xx is a refusal carrying the server message and field', async () => {
    answer(400, JSON.stringify({ error: { code: 'invalid', message: 'Username is required.', field: 'username' } }));
    const e = await failureOf(() => post('/api/users', {}));
    assert.equal(e.kind, 'refused');
    assert.equal(isNetworkFailure(e), false);
    assert.equal(e.message, 'Username is required.');
    assert.deepEqual(e.byField(), { username: 'Username is required.' });
  });

  test('a 500 is a server failure', async () => {
    answer(500, JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on the server.' } }));
    assert.equal((await failureOf(() => get('/api/orders'))).kind, 'server');
  });

  test('anything else thrown is the console’s own fault, not a network failure', () => {
    assert.equal(isNetworkFailure(new Error('boom')), false);
    assert.equal(failureKindOf(new Error('boom')), 'server');
    assert.match(messageOf(new Error('boom')), /console/);
  });

  test('reads carry a timeout signal; writes are never cut off', async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    globalThis.fetch = (async (_url: unknown, init?: RequestInit) => {
      signals.push(init?.signal);
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    await get('/api/orders');
    await post('/api/picklists', {});
    assert.ok(signals[0] instanceof AbortSignal);
    assert.equal(signals[1], undefined);
  });
});
