/**
 * The version of the API contract, sent as `BillStack-Version` on every API response. A date, as Stripe's:
 * it moves when the contract changes, and CHANGELOG.md says what changed under it.
 */
export const apiVersion = '2026-12-03';
export const apiVersionHeader = 'BillStack-Version';
