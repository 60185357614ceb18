import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where Weft may send a marketplace or e-invoice password: `https:` to a public address. Checked when
 * a channel's settings are saved (so the person typing the address is told at once) and again before
 * every call, after resolving the host name, so a public name that resolves to a private address
 * (DNS rebinding, a hijacked record) is refused too. `WEFT_ALLOW_PRIVATE_URLS` lets loopback and
 * private addresses, and plain `http:`, through: for the demo, tests and a sandbox on one's own machine.
 */

let privateAllowed = false;

/** Set once at start from `WEFT_ALLOW_PRIVATE_URLS` (and by `weft demo` and the test helpers). */
export function setPrivateUrlsAllowed(allowed: boolean): void {
  privateAllowed = allowed;
}

export function privateUrlsAllowed(): boolean {
  return privateAllowed;
}

export interface OutboundPolicy {
  /** Loopback, private and link-local addresses and plain http: are allowed. */
  allowPrivate: boolean;
}

const current = (): OutboundPolicy => ({ allowPrivate: privateAllowed });

/** A URL the policy refuses; the message says what to do. */
export class OutboundUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundUrlError';
  }
}

/** Addresses that are not on the public internet (IANA special-purpose registries). */
const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  nonPublic.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  nonPublic.addSubnet(network, prefix, 'ipv6');

/** The 16 bytes of an IPv6 address (which isIP has already accepted). */
function ipv6Bytes(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((g) => {
    const n = parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
}

/** The IPv4 address an IPv6 one carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(bytes: number[]): string | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const quad = (from: number) => bytes.slice(from, from + 4).join('.');
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return quad(12); // ::ffff:a.b.c.d
  if (zeros(0, 12)) return quad(12); // ::a.b.c.d (deprecated "compatible")
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return quad(12); // 64:ff9b::/96
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return quad(2); // 2002::/16
  return null;
}

/** True for loopback, private, link-local, carrier-grade NAT, unspecified, documentation and multicast addresses. */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return nonPublic.check(bare, 'ipv4');
  if (family !== 6) throw new Error(`${address} is not an IP address`);
  const bytes = ipv6Bytes(bare);
  // ::ffff:127.0.0.1 and friends reach the IPv4 address they carry.
  const v4 = embeddedIpv4(bytes);
  if (v4 !== null && nonPublic.check(v4, 'ipv4')) return true;
  return nonPublic.check(bare.replace(/%.*$/, ''), 'ipv6');
}

/** Link-local holds cloud metadata services (169.254.169.254): never a marketplace, refused even when private addresses are allowed. */
const linkLocal = new BlockList();
linkLocal.addSubnet('169.254.0.0', 16, 'ipv4');
linkLocal.addSubnet('fe80::', 10, 'ipv6');

export function isLinkLocalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return linkLocal.check(bare, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIpv4(ipv6Bytes(bare));
  return (v4 !== null && linkLocal.check(v4, 'ipv4')) || linkLocal.check(bare, 'ipv6');
}

const linkLocalProblem = (what: string, host: string) =>
  `${what} points at ${host}, a link-local address (where cloud metadata services answer): give the marketplace's https:// address.`;

/**
 * What is wrong with `text` as an address to send credentials to, judged without DNS; null when it
 * is fine. `what` names the address in the sentence ("AJIO's API address").
 */
export function outboundUrlProblem(text: string, what: string, policy: OutboundPolicy = current()): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${what} is not a URL: give an https:// address.`;
  }
  const allowedSchemes = policy.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!allowedSchemes.includes(url.protocol)) {
    if (url.protocol === 'http:') {
      return `${what} uses plain http:, which would send the password in clear: give the https:// address (WEFT_ALLOW_PRIVATE_URLS allows http: for a sandbox on your own network).`;
    }
    return `${what} uses ${url.protocol}, and Weft sends credentials only over https: (file:, gopher:, javascript:, data: and the rest are refused): give an https:// address.`;
  }
  if (url.username || url.password) {
    return `${what} carries a user name or password: give the address alone; the credentials belong in the channel's interface settings.`;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isLinkLocalAddress(host)) return linkLocalProblem(what, host);
  if (policy.allowPrivate) return null;
  if (isIP(host) ? isNonPublicAddress(host) : isLocalName(host)) {
    return `${what} points at ${host}, a loopback, private or link-local address: give the marketplace's public https:// address (WEFT_ALLOW_PRIVATE_URLS allows private addresses for a sandbox).`;
  }
  return null;
}

/** Names that are local by definition, whatever a resolver says. */
function isLocalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name.endsWith('.local') ||
    name.endsWith('.internal') ||
    !name.includes('.')
  );
}

export type Lookup = (host: string) => Promise<{ address: string }[]>;
const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * The check before a call: the URL's own problems, then every address its host resolves to must be
 * public. Throws OutboundUrlError; resolves when the call may go ahead.
 */
export async function assertOutboundUrl(
  text: string,
  what: string,
  policy: OutboundPolicy = current(),
  lookup: Lookup = systemLookup,
): Promise<void> {
  const problem = outboundUrlProblem(text, what, policy);
  if (problem) throw new OutboundUrlError(problem);
  const host = new URL(text).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host);
  } catch {
    // Unresolvable: the call itself fails with the network error the caller already classifies.
    return;
  }
  const metadata = addresses.find((a) => isLinkLocalAddress(a.address));
  if (metadata) throw new OutboundUrlError(linkLocalProblem(`${what} (${host})`, metadata.address));
  if (policy.allowPrivate) return;
  const inside = addresses.find((a) => isNonPublicAddress(a.address));
  if (inside) {
    throw new OutboundUrlError(
      `${what} (${host}) resolves to ${inside.address}, a loopback, private or link-local address: Weft sends credentials only to public addresses (WEFT_ALLOW_PRIVATE_URLS allows private ones).`,
    );
  }
}
