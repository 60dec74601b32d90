import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { listAuditEventsQuery } from '@/lib/audit/schemas';
import { listPricesQuery } from '@/lib/catalog/schemas';
import { createCheckoutBody } from '@/lib/checkout/schemas';
import { listCustomersQuery } from '@/lib/customers/schemas';
import { browserOrigin } from '@/lib/http/schemas';
import { updateWebhookEndpointBody } from '@/lib/outgoing-webhooks/schemas';
import { createPortalBody } from '@/lib/portal/schemas';
import { applyReferralBody } from '@/lib/referrals/schemas';
import { changePlanBody } from '@/lib/subscriptions/schemas';

// zod runs a refinement even after the URL check before it failed: one that parses the URL itself must not
// throw on what is no URL, or the wrapper answers 500 instead of the 400 below (found by tests/e2e/fuzz.test.ts).
const notUrls = ['\u202eevil\u202c', 'not a url', '', 'https://', '\ud800'];

describe('URL fields refuse what is no URL with an issue, not an exception', () => {
  it.each(notUrls)('browserOrigin %j', (value) => {
    const parsed = browserOrigin.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain('must be an absolute http(s) URL');
  });

  it.each(notUrls)('a webhook endpoint url %j', (value) => {
    const parsed = updateWebhookEndpointBody.safeParse({ url: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain('must be an absolute https URL');
  });
});

// Ids and filters are compared in SQL as sent, and PostgreSQL refuses NUL in text: each is a 400, not a 500.
describe('ids and filters the caller names refuse NUL and unpaired surrogates', () => {
  it.each([
    ['a referral code to apply', applyReferralBody, { code: 'nul\u0000', customerId: 'pc_a' }],
    ['a customer to apply a code to', applyReferralBody, { code: 'JANE-2026', customerId: 'pc_\u0000' }],
    ['a checkout price', createCheckoutBody, { priceId: 'pri_\ud800', successUrl: 'https://a.example/s', cancelUrl: 'https://a.example/c' }],
    ['a portal customer', createPortalBody, { customerId: '\u0000' }],
    ['a plan change price', changePlanBody, { items: [{ priceId: '\u0000' }], when: 'now' }],
    ['a customers email filter', listCustomersQuery, { email: 'a\u0000@example.com' }],
    ['a customers search', listCustomersQuery, { q: '\u0000' }],
    ['a prices product filter', listPricesQuery, { productId: 'pp_\u0000' }],
    ['an audit actor filter', listAuditEventsQuery, { actor: '\u0000' }],
  ])('%s', (_name, schema: z.ZodType, input) => {
    const parsed = schema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain('must not contain NUL characters or unpaired surrogates');
  });

  it('takes an ordinary id', () => {
    expect(applyReferralBody.parse({ code: 'JANE-2026', customerId: 'pc_a1b2' })).toEqual({ code: 'JANE-2026', customerId: 'pc_a1b2' });
  });
});
