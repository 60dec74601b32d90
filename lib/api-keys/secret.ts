import crypto from 'node:crypto';
import { randomBase62 } from '@/lib/http/ids';

const keyPrefix = 'bs_';
// 43 base62 characters carry 256 bits: the "at least 32 random bytes" of the contract.
const secretLength = 43;
const keyPattern = new RegExp(`^${keyPrefix}[0-9A-Za-z]{${secretLength}}$`);

export function isWellFormedApiKey(token: string): boolean {
  return keyPattern.test(token);
}

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex');
}

/** A new key, its hash for storage and the short start shown to recognise it. */
export function newApiKey(): { key: string; hash: string; start: string } {
  const key = `${keyPrefix}${randomBase62(secretLength)}`;
  return { key, hash: hashApiKey(key), start: key.slice(0, keyPrefix.length + 6) };
}

export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
