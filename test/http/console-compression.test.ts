import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { consoleDist } from '../../src/http/console.ts';
import { initialBundle } from '../../scripts/console-bundle-size.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { ensureConsoleBuilt } from '../helpers/console.ts';

/**
 * The console's files go out compressed: the build writes .br and .gz copies (scripts/web-build.mjs),
 * and the server picks the one the browser accepts, the same bytes once unpacked, with the cache
 * headers of the file itself. Independent of the database, so on PGlite only.
 */
describe("the console's files, compressed", () => {
  let t: TestApp;
  let entry: string;
  before(async () => {
    ensureConsoleBuilt();
    t = await createTestApp('pglite');
    entry = initialBundle(consoleDist).files[0].file;
  });
  after(() => t?.close());

  const get = (url: string, acceptEncoding?: string) =>
    t.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
  const onDisk = (file: string) => readFileSync(join(consoleDist, file.replace(/^\//, '')));
  const unpacked = (answer: LightMyRequestResponse) => {
    const encoding = answer.headers['content-encoding'];
    if (encoding === 'br') return brotliDecompressSync(answer.rawPayload);
    if (encoding === 'gzip') return gunzipSync(answer.rawPayload);
    assert.equal(encoding, undefined, 'no other encoding');
    return answer.rawPayload;
  };

  test('the build writes a .br and a .gz beside the scripts, the stylesheet and index.html', () => {
    for (const file of [entry, '/index.html'])
      for (const suffix of ['.br', '.gz']) assert.ok(existsSync(join(consoleDist, file + suffix)), file + suffix);
  });

  test('a hashed script: brotli, gzip or plain as the browser accepts, the same bytes, cached for a year', async () => {
    const plain = onDisk(entry);
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', undefined],
      [undefined, undefined],
    ] as const) {
      const answer = await get(entry, accept);
      const what = `${entry} with accept-encoding ${accept}`;
      assert.equal(answer.statusCode, 200, what);
      assert.equal(answer.headers['content-encoding'], encoding, what);
      assert.match(String(answer.headers['content-type']), /^(?:application|text)\/javascript/, what);
      assert.match(String(answer.headers.vary), /accept-encoding/i, what);
      assert.equal(answer.headers['cache-control'], 'public, max-age=31536000, immutable', what);
      assert.ok(unpacked(answer).equals(plain), `${what}: the same bytes as the file`);
      if (encoding) assert.ok(answer.rawPayload.length < plain.length * 0.4, `${what}: compressed`);
    }
  });

  test('index.html, at / and for a page path: compressed, never cached without asking', async () => {
    const plain = onDisk('/index.html');
    for (const url of ['/', '/orders/12', '/pack'])
      for (const [accept, encoding] of [
        ['br, gzip', 'br'],
        ['gzip', 'gzip'],
        [undefined, undefined],
      ] as const) {
        const answer = await get(url, accept);
        const what = `${url} with accept-encoding ${accept}`;
        assert.equal(answer.statusCode, 200, what);
        assert.equal(answer.headers['content-encoding'], encoding, what);
        assert.match(String(answer.headers['content-type']), /^text\/html/, what);
        assert.match(String(answer.headers.vary), /accept-encoding/i, what);
        assert.equal(answer.headers['cache-control'], 'no-cache', what);
        assert.ok(unpacked(answer).equals(plain), `${what}: index.html`);
        assert.match(unpacked(answer).toString(), /Loading Weft…/, `${what}: the loading state is in the page`);
      }
  });

  test('the stylesheet is compressed too', async () => {
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(onDisk('/index.html').toString())?.[1];
    assert.ok(css, 'index.html links a stylesheet');
    const answer = await get(css, 'br');
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers['content-encoding'], 'br');
    assert.match(String(answer.headers['content-type']), /^text\/css/);
    assert.ok(unpacked(answer).equals(onDisk(css)));
  });

  test('the API and missing files keep their JSON 404; the compressed copies are not files of their own', async () => {
    for (const url of ['/api/nothing-here', '/assets/index-gone.js', `${entry}.br`, `${entry}.gz`]) {
      const answer = await get(url, 'br, gzip');
      assert.equal(answer.statusCode, 404, url);
      assert.equal(answer.headers['content-encoding'], undefined, url);
      assert.equal(answer.json().error.code, 'not_found', url);
    }
  });
});
