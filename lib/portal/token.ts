import crypto from 'node:crypto';
import { serverSecret } from '@/lib/config/secrets';
import { idPrefixes } from '@/lib/http/ids';

/**
 * A portal token is `bspt_<payload>.<signature>`: the payload (base64url of `<token id>.<expiry unix seconds>`)
 * signed with HMAC-SHA-256. The signature lets a forged or altered token be refused, and an expired one be
 * recognised, before any database read; the database holds only the token's SHA-256, for revocation.
 */
const tokenPrefix = 'bspt_';
const tokenPattern = /^bspt_([A-Za-z0-9_-]{1,128})\.([A-Za-z0-9_-]{43})$/;
const payloadPattern = new RegExp(`^(${idPrefixes.portalToken}_[0-9A-Za-z]{1,64})\\.(\\d{1,12})$`);

/**
 * Derived from the auth secret under its own label, so the portal needs no secret of its own and a portal
 * signature can never stand in for anything better-auth signs. Rotating the auth secret voids every link.
 */
function signingKey(): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', serverSecret('authSecret'), '', 'billstack portal token v1', 32));
}

function sign(payload: string): string {
  return crypto.createHmac('sha256', signingKey()).update(payload).digest('base64url');
}

export interface PortalTokenClaims {
  id: string;
  expiresAt: Date;
}

/** The token text for a token row's id and expiry (whole seconds, as the payload carries them). */
export function signPortalToken({ id, expiresAt }: PortalTokenClaims): string {
  const payload = Buffer.from(`${id}.${Math.floor(expiresAt.getTime() / 1000)}`).toString('base64url');
  return `${tokenPrefix}${payload}.${sign(payload)}`;
}

/** The claims of a token this server signed; null for anything malformed, altered or signed with another key. */
export function readPortalToken(token: string): PortalTokenClaims | null {
  const [, payload, signature] = token.match(tokenPattern) ?? [];
  if (!payload) return null;
  const expected = Buffer.from(sign(payload));
  if (!crypto.timingSafeEqual(expected, Buffer.from(signature))) return null;
  const [, id, expiry] = Buffer.from(payload, 'base64url').toString('utf8').match(payloadPattern) ?? [];
  return id ? { id, expiresAt: new Date(Number(expiry) * 1000) } : null;
}

export function hashPortalToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
