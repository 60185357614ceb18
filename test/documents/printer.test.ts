import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { printerAddressProblem, sendRaw } from '../../src/core/documents/printer.ts';
import { privateUrlsAllowed, setPrivateUrlsAllowed } from '../../src/net/outbound-url.ts';

/**
 * Raw printing without a database: the address policy for printers (the LAN allowed, link-local never,
 * this machine only for a stand-in) and a printer that accepts the connection but takes no bytes,
 * which is given up after the timeout with a message naming it.
 */
describe('network printer', () => {
  const allowed = privateUrlsAllowed();
  after(() => setPrivateUrlsAllowed(allowed));

  test('private LAN addresses are fine; link-local is refused; loopback only when private URLs are allowed', () => {
    setPrivateUrlsAllowed(false);
    for (const lan of ['192.168.1.50', '10.0.4.7', '172.20.0.9', 'fd12:3456::7', 'printer-1.warehouse.lan']) {
      assert.equal(printerAddressProblem(lan), null, lan);
    }
    for (const metadata of ['169.254.169.254', 'fe80::1', '::ffff:169.254.169.254']) {
      assert.match(printerAddressProblem(metadata) ?? '', /link-local/, metadata);
    }
    for (const self of ['127.0.0.1', '::1', 'localhost']) {
      assert.match(printerAddressProblem(self) ?? '', /this machine itself/, self);
    }
    setPrivateUrlsAllowed(true);
    assert.equal(printerAddressProblem('127.0.0.1'), null, 'a stand-in printer on one own machine');
    assert.match(printerAddressProblem('169.254.169.254') ?? '', /link-local/, 'link-local whatever the setting');
  });

  describe('a printer that takes no bytes', () => {
    let server: Server;
    const sockets: Socket[] = [];
    before(async () => {
      setPrivateUrlsAllowed(true);
      // pauseOnConnect: the connection is accepted but never read, as a jammed printer does.
      server = createServer({ pauseOnConnect: true }, (socket) => sockets.push(socket));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    test('is given up after the timeout, naming host:port (a 502)', async () => {
      const { port } = server.address() as AddressInfo;
      // Far more than the kernel buffers on both sides, so the job cannot complete without the printer reading.
      const job = Buffer.alloc(64 << 20, 0x25);
      const started = Date.now();
      await assert.rejects(sendRaw('127.0.0.1', port, job, 300), (error: Error & { status?: number }) => {
        assert.equal(error.status, 502);
        assert.match(
          error.message,
          new RegExp(`printer at 127\\.0\\.0\\.1:${port} did not take the job within 0\\.3 s`),
        );
        return true;
      });
      assert.ok(Date.now() - started < 5000, 'given up at the timeout, not later');
    });
  });
});
