import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  assertOutboundUrl,
  isLinkLocalAddress,
  isNonPublicAddress,
  OutboundUrlError,
  outboundUrlProblem,
} from '../../src/net/outbound-url.ts';

/** The outbound URL policy on its own: which addresses may receive a marketplace or IRP password. */
const strict = { allowPrivate: false };
const relaxed = { allowPrivate: true };
const what = "AJIO's API address";

describe('outbound URL policy', () => {
  test('https: to a public host passes; every other scheme, credentials in the URL and private hosts are refused', () => {
    assert.equal(outboundUrlProblem('https://api-seller.services.ajio.com/jit', what, strict), null);
    assert.equal(outboundUrlProblem('https://8.8.8.8:8443', what, strict), null);
    const refused: [string, RegExp][] = [
      [
        'http://api-seller.services.ajio.com',
        /plain http:, which would send the password in clear: give the https:\/\/ address/,
      ],
      ['file:///etc/passwd', /uses file:, and Weft sends credentials only over https:/],
      ['gopher://127.0.0.1:25/_HELO', /uses gopher:/],
      ['javascript:alert(1)', /uses javascript:/],
      ['data:text/plain,hi', /uses data:/],
      ['ftp://example.com', /uses ftp:/],
      ['https://user:pw@api.example.com', /carries a user name or password/],
      ['https://169.254.169.254/latest/meta-data', /link-local address \(where cloud metadata services answer\)/],
      ['https://[fe80::1]/', /link-local/],
      ['https://127.0.0.1:9000', /points at 127\.0\.0\.1, a loopback, private or link-local address/],
      ['https://2130706433/', /points at 127\.0\.0\.1/],
      ['https://0x7f.1/', /points at 127\.0\.0\.1/],
      ['https://0.0.0.0/', /points at 0\.0\.0\.0/],
      ['https://10.1.2.3/', /points at 10\.1\.2\.3/],
      ['https://172.16.0.1/', /points at 172\.16\.0\.1/],
      ['https://192.168.1.1/', /points at 192\.168\.1\.1/],
      ['https://100.64.0.1/', /points at 100\.64\.0\.1/],
      ['https://[::1]/', /points at ::1/],
      ['https://[fd00::1]/', /points at fd00::1/],
      ['https://[::ffff:10.0.0.1]/', /points at ::ffff:a00:1/],
      ['https://localhost:8443', /points at localhost/],
      ['https://metadata.google.internal/', /points at metadata\.google\.internal/],
      ['not a url', /is not a URL: give an https:\/\/ address/],
    ];
    for (const [url, message] of refused)
      assert.match(outboundUrlProblem(url, what, strict) ?? 'accepted', message, url);
  });

  test('WEFT_ALLOW_PRIVATE_URLS lets a loopback or private http: sandbox through, but never link-local, other schemes or credentials', () => {
    assert.equal(outboundUrlProblem('http://127.0.0.1:4010/ajio', what, relaxed), null);
    assert.equal(outboundUrlProblem('http://10.0.0.7', what, relaxed), null);
    assert.equal(outboundUrlProblem('http://localhost:4010', what, relaxed), null);
    assert.match(outboundUrlProblem('http://169.254.169.254/latest', what, relaxed)!, /link-local/);
    assert.match(outboundUrlProblem('file:///etc/passwd', what, relaxed)!, /uses file:/);
    assert.match(outboundUrlProblem('http://a:b@127.0.0.1', what, relaxed)!, /user name or password/);
  });

  test('property: every address in a private, loopback, link-local or CGNAT range is non-public, as is its IPv4-mapped IPv6 form', () => {
    const ranges: [number, number][] = [
      [10, 8],
      [127, 8],
      [0, 8],
    ].map(([a, p]) => [a * 2 ** 24, p]) as [number, number][];
    ranges.push(
      [(172 * 256 + 16) * 2 ** 16, 12],
      [(192 * 256 + 168) * 2 ** 16, 16],
      [(169 * 256 + 254) * 2 ** 16, 16],
      [(100 * 256 + 64) * 2 ** 16, 10],
    );
    const dotted = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
    fc.assert(
      fc.property(fc.constantFrom(...ranges), fc.nat(), ([base, prefix], offset) => {
        const address = dotted(base + (offset % 2 ** (32 - prefix)));
        assert.ok(isNonPublicAddress(address), address);
        assert.ok(isNonPublicAddress(`::ffff:${address}`), `::ffff:${address}`);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: an address outside every special range is public; a reference check over whole numbers agrees', () => {
    const special: [number, number, number, number, number][] = [
      [0, 0, 0, 0, 8],
      [10, 0, 0, 0, 8],
      [100, 64, 0, 0, 10],
      [127, 0, 0, 0, 8],
      [169, 254, 0, 0, 16],
      [172, 16, 0, 0, 12],
      [192, 0, 0, 0, 24],
      [192, 0, 2, 0, 24],
      [192, 88, 99, 0, 24],
      [192, 168, 0, 0, 16],
      [198, 18, 0, 0, 15],
      [198, 51, 100, 0, 24],
      [203, 0, 113, 0, 24],
      [224, 0, 0, 0, 4],
      [240, 0, 0, 0, 4],
    ];
    const toNumber = (o: number[]) => ((o[0] * 256 + o[1]) * 256 + o[2]) * 256 + o[3];
    const inside = (n: number) =>
      special.some(
        ([a, b, c, d, p]) => Math.floor(n / 2 ** (32 - p)) === Math.floor(toNumber([a, b, c, d]) / 2 ** (32 - p)),
      );
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        const n = toNumber(address.split('.').map(Number));
        assert.equal(isNonPublicAddress(address), inside(n), address);
      }),
      { numRuns: 5000 },
    );
  });

  test('property: unique-local (fc00::/7) and link-local (fe80::/10) IPv6 addresses are non-public; link-local ones are link-local', () => {
    const hextet = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(
        fc.integer({ min: 0xfc00, max: 0xfdff }),
        fc.array(hextet, { minLength: 7, maxLength: 7 }),
        (first, rest) => {
          assert.ok(isNonPublicAddress([first, ...rest].map((h) => h.toString(16)).join(':')));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0xfe80, max: 0xfebf }),
        fc.array(hextet, { minLength: 7, maxLength: 7 }),
        (first, rest) => {
          const address = [first, ...rest].map((h) => h.toString(16)).join(':');
          assert.ok(isNonPublicAddress(address) && isLinkLocalAddress(address), address);
        },
      ),
    );
    assert.equal(isNonPublicAddress('2606:4700:4700::1111'), false);
    assert.equal(isNonPublicAddress('::'), true);
  });

  test('at call time, a public name that resolves to a private address is refused unless allowed', async () => {
    const resolvesTo = (address: string) => async () => [{ address }];
    await assert.doesNotReject(
      assertOutboundUrl('https://api.example.com/x', what, strict, resolvesTo('93.184.216.34')),
    );
    await assert.rejects(
      assertOutboundUrl('https://api.example.com/x', what, strict, resolvesTo('10.0.0.5')),
      (error: Error) =>
        error instanceof OutboundUrlError &&
        /\(api\.example\.com\) resolves to 10\.0\.0\.5, a loopback, private or link-local address/.test(error.message),
    );
    await assert.rejects(
      assertOutboundUrl('https://api.example.com/x', what, strict, async () => [
        { address: '93.184.216.34' },
        { address: '::1' },
      ]),
      /resolves to ::1/,
    );
    await assert.doesNotReject(
      assertOutboundUrl('http://sandbox.example.com/x', what, relaxed, resolvesTo('10.0.0.5')),
    );
    await assert.rejects(
      assertOutboundUrl('http://sandbox.example.com/x', what, relaxed, resolvesTo('169.254.169.254')),
      /link-local/,
    );
    await assert.rejects(
      assertOutboundUrl('http://api.example.com/x', what, strict, resolvesTo('93.184.216.34')),
      /plain http:/,
    );
  });
});
