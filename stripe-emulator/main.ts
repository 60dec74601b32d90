// `npm run stripe:emulator`: STRIPE_EMULATOR_PORT (default 12111), STRIPE_EMULATOR_HOST (default
// 127.0.0.1), STRIPE_EMULATOR_DATA_FILE (optional JSON file the state survives restarts in).
import { startStripeEmulator } from './server';

const emulator = await startStripeEmulator({
  port: Number(process.env.STRIPE_EMULATOR_PORT ?? 12111),
  host: process.env.STRIPE_EMULATOR_HOST ?? '127.0.0.1',
  dataFile: process.env.STRIPE_EMULATOR_DATA_FILE || undefined,
  // Standalone, failed deliveries are retried on Stripe's real schedule (up to 3 days).
  webhookDelivery: { retryScale: 1 },
});
console.log(`Stripe emulator listening on ${emulator.url} (STRIPE_API_BASE=${emulator.url})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
