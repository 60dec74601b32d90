// The test process reads the servers' database: it opens their secrets (a team's webhook secret) with their key.
import { e2eAuthSecret, e2eEncryptionKey } from '../e2e/helpers/server';

if (!process.env.DATABASE_URL) throw new Error('The reliability suite runs on PostgreSQL: use `npm run test:reliability`');
process.env.BILLSTACK_ENCRYPTION_KEY = e2eEncryptionKey;
process.env.BETTER_AUTH_SECRET = e2eAuthSecret;
await import('../helpers/setup-env');
