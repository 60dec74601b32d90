import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Where the JSON lines go: stdout, which a process manager collects; tests spy on `write`. */
export const logSink = { write: (line: string) => void process.stdout.write(line) };

/**
 * Secrets never reach a log line, whatever object is logged: API keys and Stripe keys in headers, bodies or
 * errors, cookies, authorization and signature headers.
 */
const redactPaths = [
  'authorization',
  'cookie',
  'key',
  'apiKey',
  'secretKey',
  'stripeSecretKey',
  'password',
  'token',
  '*.authorization',
  '*.cookie',
  '*["set-cookie"]',
  '*["stripe-signature"]',
  '*.key',
  '*.apiKey',
  '*.secretKey',
  '*.password',
  '*.token',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

const holder = globalThis as typeof globalThis & { __billstackLogger?: pino.Logger };

/**
 * BillStack's logger: JSON lines (pino) with the request id of the request being served on every line, so the
 * lines of one request can be found from the `x-request-id` its client got. LOG_LEVEL (info) sets the level.
 */
export const log: pino.Logger = (holder.__billstackLogger ??= pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { requestId: scope.requestId } : {};
    },
  },
  { write: (line: string) => logSink.write(line) },
));

/** Runs `work` with `requestId` on every line it logs, across its awaits. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestScope.run({ requestId }, work);
}
