/** One read/write pair per section of the API contract; `*` grants all. */
export const scopes = [
  'customers:read',
  'customers:write',
  'products:read',
  'products:write',
  'subscriptions:read',
  'subscriptions:write',
  'checkout:write',
  'portal:write',
  'analytics:read',
  'referrals:read',
  'referrals:write',
  'webhooks:read',
  'webhooks:write',
  '*',
] as const;
export type Scope = (typeof scopes)[number];

export function hasScope(granted: readonly string[], required: Scope): boolean {
  return granted.includes('*') || granted.includes(required);
}
