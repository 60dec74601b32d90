// Each test file runs in its own process: with no DATABASE_URL it gets its own in-memory PGlite.
import os from 'node:os';
import path from 'node:path';

process.env.PGLITE_DIR ??= 'memory://';
process.env.BILLSTACK_DATA_DIR ??= path.join(os.tmpdir(), 'billstack-test-data');
process.env.BETTER_AUTH_SECRET ??= 'test-only-secret-test-only-secret-0123456789';
process.env.BILLSTACK_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');
process.env.BETTER_AUTH_URL ??= 'http://localhost:3000';
// Outgoing webhooks go to receivers on this machine in tests (tests/outgoing-webhooks turn it off to test refusal).
process.env.BILLSTACK_WEBHOOKS_ALLOW_PRIVATE ??= '1';
// The emulator has no rate limit: the worker's token bucket (tests/webhooks/queue.test.ts sets its own) would
// only slow the suite down.
process.env.STRIPE_RATE_LIMIT_TEST ??= '1000';
