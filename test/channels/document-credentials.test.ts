import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AjioClient } from '../../src/channels/ajio-jit/client.ts';
import { setPrivateUrlsAllowed } from '../../src/net/outbound-url.ts';
import { startAjioSandbox, type StartedSandbox } from '../../src/sandbox/ajio/testing.ts';

/**
 * A document address AJIO gives (invoice_url, label_url) is fetched with the apiKey only on AJIO's
 * own API origin; on any other host it goes without credentials, and the outbound policy still
 * applies to it.
 */
const seller = { username: 'DVDOC01', password: 'doc-secret' };

describe('documents at addresses AJIO gives: credentials stay with AJIO', () => {
  let sandbox: StartedSandbox;
  let elsewhere: Server;
  let elsewhereUrl: string;
  const seen: IncomingHttpHeaders[] = [];

  before(async () => {
    setPrivateUrlsAllowed(true);
    sandbox = await startAjioSandbox({ sellers: [seller], rateLimit: false });
    elsewhere = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/pdf');
      res.end('%PDF-1.4\n%%EOF\n');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  after(async () => {
    setPrivateUrlsAllowed(false);
    await new Promise((resolve) => elsewhere.close(resolve));
    await sandbox.close();
  });

  const client = () =>
    new AjioClient({ baseUrl: sandbox.url, pathPrefix: '', ...seller, requestsPerSecond: 100, maxAttempts: 1 });

  test('another host gets no apiKey; the API origin does', async () => {
    const c = client();
    await c.testConnection();
    const pdf = await c.document(`${elsewhereUrl}/invoices/INV-1.pdf`);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(seen.length, 1);
    assert.equal(seen[0].apikey, undefined, 'no apiKey to another host');
    assert.equal(seen[0].authorization, undefined);
    assert.equal(c.sameOrigin(`${sandbox.url}/documents/invoices/X.pdf`), true);
    assert.equal(c.sameOrigin(`${elsewhereUrl}/documents/invoices/X.pdf`), false);
    // The sandbox serves documents only with the apiKey: a miss there is a 404 for the number, not a 401.
    await assert.rejects(c.document(`${sandbox.url}/documents/invoices/NOPE.pdf`), /404/);
  });

  test('the outbound policy applies to document addresses too', async () => {
    setPrivateUrlsAllowed(false);
    try {
      await assert.rejects(client().document('http://169.254.169.254/latest/meta-data'), /link-local|https/);
    } finally {
      setPrivateUrlsAllowed(true);
    }
  });
});
