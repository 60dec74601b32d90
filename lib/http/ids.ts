import crypto from 'node:crypto';

/** The closed map of id prefixes: a typo in a prefix does not compile. */
export const idPrefixes = {
  team: 'team',
  project: 'proj',
  member: 'mem',
  invitation: 'inv',
  apiKey: 'key',
  customer: 'pc',
  product: 'pp',
  price: 'pri',
  subscription: 'ps',
  invoice: 'pin',
  portalToken: 'ptok',
  webhookEvent: 'whe',
  historyImport: 'imp',
  referralCode: 'rc',
  referral: 'ref',
  request: 'req',
  auditEvent: 'aud',
  webhookEndpoint: 'we',
  webhookMessage: 'msg',
  webhookDelivery: 'wd',
} as const;
export type IdKind = keyof typeof idPrefixes;

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Base62 from rejection-sampled random bytes, so every character is equally likely. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}

export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${randomBase62(20)}`;
}

// Compiled once: every authenticated request checks a few ids.
const idPatterns = Object.fromEntries(
  Object.entries(idPrefixes).map(([kind, prefix]) => [kind, new RegExp(`^${prefix}_[0-9a-zA-Z]{1,64}$`)]),
) as Record<IdKind, RegExp>;

/** Whether a path segment can be an id of this kind at all (anything else cannot exist: 404). */
export function isId(kind: IdKind, value: string): boolean {
  return idPatterns[kind].test(value);
}
