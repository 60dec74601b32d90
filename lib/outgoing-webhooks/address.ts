import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach from the server (SSRF): loopback, private, shared (CGNAT), link-local
 * (cloud metadata at 169.254.169.254), unspecified, multicast and reserved ranges, in IPv4 and IPv6
 * (IPv4-mapped IPv6 addresses are checked as the IPv4 address they carry).
 */
const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (mapped) return privateRanges.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Development and tests deliver to a receiver on the same machine; production never does unless told. */
export function privateAddressesAllowed(): boolean {
  return process.env.BILLSTACK_WEBHOOKS_ALLOW_PRIVATE === '1';
}

export type AddressCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether a webhook may go to these resolved addresses over this protocol: https to public addresses; private
 * ones (over http or https) only when BILLSTACK_WEBHOOKS_ALLOW_PRIVATE=1; plain http never to a public address.
 */
export function checkAddresses(protocol: string, addresses: string[]): AddressCheck {
  if (addresses.length === 0) return { ok: false, reason: 'the host does not resolve' };
  const anyPrivate = addresses.some(isPrivateAddress);
  if (anyPrivate && !privateAddressesAllowed()) return { ok: false, reason: 'the host resolves to a private or reserved address' };
  if (protocol !== 'https:' && !anyPrivate) return { ok: false, reason: 'the URL must use https' };
  return { ok: true };
}

/** The URL's host as an address literal, without IPv6 brackets, or null for a name. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : null;
}

/** Resolves the URL's host and checks every address it has (at creation; sending checks its own lookup). */
export async function checkWebhookUrl(url: URL): Promise<AddressCheck> {
  const literal = literalAddress(url);
  let addresses: string[];
  try {
    addresses = literal ? [literal] : (await lookup(url.hostname, { all: true })).map((entry) => entry.address);
  } catch {
    return { ok: false, reason: 'the host does not resolve' };
  }
  return checkAddresses(url.protocol, addresses);
}
