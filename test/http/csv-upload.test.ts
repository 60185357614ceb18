import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request as httpRequest } from 'node:http';
import { databaseKinds } from '../helpers/databases.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { countSkus } from '../../src/core/catalog/skus.ts';

/**
 * CSV uploads are all or nothing, and a refused one leaves the connection usable: a file that cannot
 * be read (broken quoting) is answered 400 naming the line with nothing written, and the next request
 * on the same keep-alive socket is answered at once, not after the unread body times out.
 */
const goodLines = (n: number, prefix = 'HALF') =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(6, '0')},Tee ${i},${100 + (i % 50)}`).join('\n');

interface Answer {
  status: number;
  body: any;
  reusedSocket: boolean;
  ms: number;
}

for (const kind of databaseKinds) {
  describe(`CSV uploads over a real keep-alive connection (${kind})`, () => {
    let t: TestApp;
    let base: string;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });

    /** One request through the single keep-alive socket of `agent`. */
    const send = (method: string, path: string, body?: string | Buffer, contentType = 'text/csv') =>
      new Promise<Answer>((resolve, reject) => {
        const started = Date.now();
        const req = httpRequest(
          `${base}${path}`,
          {
            method,
            agent,
            headers: {
              authorization: `Bearer ${t.tokens.admin}`,
              ...(body === undefined ? {} : { 'content-type': contentType }),
            },
            timeout: 20_000,
          },
          (response) => {
            let text = '';
            response
              .setEncoding('utf8')
              .on('data', (c) => (text += c))
              .on('end', () => {
                resolve({
                  status: response.statusCode!,
                  body: text ? JSON.parse(text) : null,
                  reusedSocket: req.reusedSocket,
                  ms: Date.now() - started,
                });
              });
          },
        );
        req.on('timeout', () => req.destroy(new Error(`${method} ${path} got no answer within 20 s`)));
        req.on('error', reject);
        req.end(body);
      });

    before(async () => {
      t = await createTestApp(kind);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
      await t.call('POST', '/api/warehouses', {
        body: { code: 'MUM1', name: 'Bhiwandi', stateCode: '27', pincode: '421302' },
      });
    });
    after(async () => {
      agent.destroy();
      await t.close();
    });

    test('5,000 good lines and a last line with a broken quote: 400 naming the line, nothing imported, the socket answers the next request', async () => {
      const csv = `code,name,mrp\n${goodLines(5000)}\nHALF-X,bad"quote,100\n`;
      const refused = await send('POST', '/api/skus/import', csv);
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.match(
        refused.body.error.message,
        /^The CSV cannot be read at line 5002 \(Invalid Opening Quote: a quote is found on field "name", value is "bad"\); nothing was imported/,
      );
      assert.equal(refused.body.error.field, 'body');
      assert.equal(await countSkus(t.database.db), 0, 'no line of the refused file was written');
      const next = await send('GET', '/api/skus?limit=1');
      assert.equal(next.status, 200);
      assert.equal(next.reusedSocket, true, 'the same connection carried the next request');
      assert.ok(next.ms < 5000, `the next request took ${next.ms} ms`);
    });

    test('a broken quote early in a large file: refused, nothing written, and the rest of the body does not hold the socket', async () => {
      const csv = `code,name,mrp\nEARLY-1,bad"quote,100\n${goodLines(60_000, 'EARLY')}\n`;
      const refused = await send('POST', '/api/skus/import', csv);
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.match(refused.body.error.message, /line 2\b/);
      assert.equal(await countSkus(t.database.db), 0);
      const next = await send('GET', '/api/skus?limit=1');
      assert.equal(next.status, 200);
      assert.ok(next.ms < 5000, `the next request took ${next.ms} ms`);
    });

    test('the same file without the broken line lands whole, with per-line errors for bad values', async () => {
      const csv = `code,name,mrp\n${goodLines(5000)}\nHALF-Y,Bad price,abc\n`;
      const imported = await send('POST', '/api/skus/import', csv);
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      assert.equal(imported.body.inserted, 5000);
      assert.deepEqual(
        imported.body.errors.map((e: { line: number }) => e.line),
        [5002],
      );
      assert.equal(await countSkus(t.database.db), 5000);
    });

    test('listing links CSV: a refused upload (unknown channel, broken quote) leaves the socket usable', async () => {
      const csv = `channel_sku,sku_code\n${Array.from({ length: 20_000 }, (_, i) => `CH-${i},HALF-${String(i).padStart(6, '0')}`).join('\n')}\n`;
      const unknown = await send('POST', '/api/channels/NOPE0001/listings/links', csv);
      assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
      let next = await send('GET', '/api/skus?limit=1');
      assert.equal(next.status, 200);
      assert.ok(next.ms < 5000, `the next request took ${next.ms} ms`);

      const channel = await t.call('POST', '/api/channels', {
        body: {
          type: 'ajio-jit',
          name: 'AJIO',
          warehouse: 'MUM1',
          // Created live: this test expects its writes to reach the sandbox (new channels start in shadow).
          mode: 'live',
          settings: { orderSyncFrom: '2026-11-01', returnSyncFrom: '2026-11-01' },
          interface: { username: 'DVCSV01', password: 'x', isB2B: 'Yes' },
        },
      });
      assert.equal(channel.statusCode, 201, channel.body);
      const broken = await send(
        'POST',
        `/api/channels/${channel.json().code}/listings/links`,
        `${csv}CH-X,"unterminated\n`,
      );
      assert.equal(broken.status, 400, JSON.stringify(broken.body));
      assert.match(broken.body.error.message, /cannot be read at line 20002 .*nothing was linked/);
      next = await send('GET', '/api/skus?limit=1');
      assert.equal(next.status, 200);
      assert.equal(next.reusedSocket, true);
      assert.ok(next.ms < 5000, `the next request took ${next.ms} ms`);
    });
  });
}
