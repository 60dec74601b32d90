import type Stripe from 'stripe';
import type { Route } from './context';
import type { AccountState } from './store';

/** The account a secret key belongs to: a fully onboarded US standard account. */
export function accountObject(account: AccountState): Stripe.Account {
  const suffix = account.id.slice(-6).toLowerCase();
  return {
    id: account.id,
    object: 'account',
    business_profile: {
      mcc: null,
      minority_owned_business_designation: null,
      name: `Emulated business ${suffix}`,
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: 'company',
    capabilities: { card_payments: 'active', transfers: 'active' },
    charges_enabled: true,
    controller: { type: 'account' },
    country: 'US',
    created: account.created,
    default_currency: 'usd',
    details_submitted: true,
    email: `owner+${suffix}@example.com`,
    metadata: {},
    payouts_enabled: true,
    settings: {
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_payments: {
        statement_descriptor_prefix: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      dashboard: { display_name: `Emulated business ${suffix}`, timezone: 'Etc/UTC' },
      payments: {
        statement_descriptor: null,
        statement_descriptor_kana: null,
        statement_descriptor_kanji: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
    },
    type: 'standard',
  };
}

export const accountRoutes: Route[] = [
  { method: 'GET', path: '/v1/account', handler: ({ account }) => accountObject(account) },
];
