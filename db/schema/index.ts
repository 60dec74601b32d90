export * from './auth';
export * from './teams';
export * from './api-keys';
