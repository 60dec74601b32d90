export * from './auth';
export * from './teams';
export * from './api-keys';
export * from './stripe';
export * from './idempotency';
export * from './catalog';
export * from './billing';
export * from './analytics';
