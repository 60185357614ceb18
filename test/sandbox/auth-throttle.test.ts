import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Api, PASSWORD, SELLER, setup, type Ctx } from './helpers.ts';

describe('sandbox: authentication', () => {
  let ctx: Ctx;
  before(async () => {
    ctx = await setup();
  });
  after(() => ctx.close());

  test('POST /authToken returns a 30-minute bearer token', async () => {
    const res = await ctx.api.call('POST', '/authToken', { username: SELLER, password: PASSWORD }, '');
    assert.equal(res.status, 200);
    assert.equal(res.body.success, true);
    assert.equal(res.body.statusCode, 0);
    assert.equal(res.body.result.tokenType, 'Bearer');
    assert.equal(res.body.result.expiresIn, 1800);
    assert.ok(res.body.result.accessToken.length >= 20);
    assert.ok(res.body.result.refreshToken);
  });

  test('wrong password and malformed username give 401 INVALID_CREDENTIALS', async () => {
    const wrong = await ctx.api.call('POST', '/authToken', { username: SELLER, password: 'nope' }, '');
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { success: false, statusCode: 401, errorMessage: 'INVALID_CREDENTIALS' });
    const bad = await ctx.api.call('POST', '/authToken', { username: 'seller01', password: PASSWORD }, '');
    assert.equal(bad.status, 401);
    assert.equal(bad.body.errorMessage, 'INVALID_CREDENTIALS');
  });

  test('missing, unknown and expired tokens give 401 "Invalid token"', async () => {
    const none = await ctx.api.call('GET', '/products', undefined, '');
    assert.equal(none.status, 401);
    assert.deepEqual(none.body, { success: false, statusCode: 401, errorMessage: 'Invalid token' });
    const unknown = await ctx.api.call('GET', '/products', undefined, 'not-a-token');
    assert.equal(unknown.status, 401);

    const token = await ctx.sb.login(SELLER, PASSWORD);
    assert.equal((await ctx.api.call('GET', '/productsCount', undefined, token)).status, 200);
    await ctx.sb.control.advanceClock(29 * 60);
    assert.equal(
      (await ctx.api.call('GET', '/productsCount', undefined, token)).status,
      200,
      'still valid after 29 min',
    );
    await ctx.sb.control.advanceClock(61);
    const expired = await ctx.api.call('GET', '/productsCount', undefined, token);
    assert.equal(expired.status, 401, 'expired after 30 min of sandbox time');
    assert.equal(expired.body.errorMessage, 'Invalid token');
  });

  test('five consecutive failures lock the login for 15 minutes (423), then it opens again', async () => {
    await ctx.sb.control.addSeller({ username: 'DVLOCK1', password: 'pw' });
    const attempt = (password: string) => ctx.api.call('POST', '/authToken', { username: 'DVLOCK1', password }, '');
    for (let i = 0; i < 5; i++) assert.equal((await attempt('bad')).status, 401);
    const locked = await attempt('pw');
    assert.equal(locked.status, 423);
    assert.deepEqual(locked.body, { success: false, statusCode: 423, errorMessage: 'LOGIN_LOCKED' });
    await ctx.sb.control.advanceClock(14 * 60);
    assert.equal((await attempt('pw')).status, 423);
    await ctx.sb.control.advanceClock(61);
    assert.equal((await attempt('pw')).status, 200);
  });

  test('a success resets the failure count', async () => {
    await ctx.sb.control.addSeller({ username: 'DVLOCK2', password: 'pw' });
    const attempt = (password: string) => ctx.api.call('POST', '/authToken', { username: 'DVLOCK2', password }, '');
    for (let i = 0; i < 4; i++) await attempt('bad');
    assert.equal((await attempt('pw')).status, 200);
    for (let i = 0; i < 4; i++) await attempt('bad');
    assert.equal((await attempt('pw')).status, 200);
  });

  test('replacing a seller invalidates its tokens', async () => {
    await ctx.sb.control.addSeller({ username: 'DVREPL1', password: 'old' });
    const token = await ctx.sb.login('DVREPL1', 'old');
    await ctx.sb.control.addSeller({ username: 'DVREPL1', password: 'new' });
    assert.equal((await ctx.api.call('GET', '/productsCount', undefined, token)).status, 401);
    assert.equal((await ctx.api.call('POST', '/authToken', { username: 'DVREPL1', password: 'old' }, '')).status, 401);
    assert.ok(await ctx.sb.login('DVREPL1', 'new'));
  });
});

describe('sandbox: throttling', () => {
  test('the 11th request within a second gets 429 with Retry-After; /authToken and control calls are exempt', async () => {
    const ctx = await setup({ rateLimit: 10 });
    try {
      const results = await Promise.all(Array.from({ length: 15 }, () => ctx.api.get('/productsCount')));
      const codes = results.map((r) => r.status);
      assert.equal(codes.filter((c) => c === 200).length, 10);
      const limited = results.find((r) => r.status === 429)!;
      assert.deepEqual(limited.body, { success: false, statusCode: 429, errorMessage: 'TOO_MANY_REQUESTS' });
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After ${retryAfter}`);
      // Login is not throttled, nor is the control API.
      assert.equal(
        (await ctx.api.call('POST', '/authToken', { username: SELLER, password: PASSWORD }, '')).status,
        200,
      );
      for (let i = 0; i < 20; i++) await ctx.sb.control.clock();
      // Another seller has its own budget.
      await ctx.sb.control.addSeller({ username: 'DVOTHER', password: 'pw' });
      const other = new Api(ctx.sb.url, await ctx.sb.login('DVOTHER', 'pw'));
      assert.equal((await other.get('/productsCount')).status, 200);
      // The window slides: after a second the seller may call again.
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await ctx.api.get('/productsCount')).status, 200);
    } finally {
      await ctx.close();
    }
  });

  test('document downloads count against the limit', async () => {
    const ctx = await setup({ rateLimit: 2 });
    try {
      const a = await ctx.api.get('/documents/po/none.pdf');
      const b = await ctx.api.get('/productsCount');
      const c = await ctx.api.get('/documents/po/none.pdf');
      assert.deepEqual([a.status, b.status, c.status], [404, 200, 429]);
    } finally {
      await ctx.close();
    }
  });

  test('rateLimit false switches throttling off', async () => {
    const ctx = await setup({ rateLimit: false });
    try {
      const results = await Promise.all(Array.from({ length: 40 }, () => ctx.api.get('/productsCount')));
      assert.ok(results.every((r) => r.status === 200));
    } finally {
      await ctx.close();
    }
  });
});
