// `npm run dev`: BillStack on the embedded defaults. Starts the local Stripe emulator (unless
// STRIPE_API_BASE points elsewhere), then `next dev`, then seeds the demo data through the public API.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startStripeEmulator } from '../stripe-emulator/server';
import { seedDemo } from './seed-demo';

const port = Number(process.env.PORT ?? 3000);
const origin = `http://localhost:${port}`;
const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1' };
env.BETTER_AUTH_URL ??= origin;

let stopEmulator: (() => Promise<void>) | undefined;
if (!process.env.STRIPE_API_BASE) {
  const dataDir = path.resolve(process.env.BILLSTACK_DATA_DIR ?? '.data');
  const emulator = await startStripeEmulator({
    port: Number(process.env.STRIPE_EMULATOR_PORT ?? 12111),
    dataFile: path.join(dataDir, 'stripe-emulator.json'),
  });
  stopEmulator = () => emulator.close();
  // Next's process and this one (which seeds the demo account's history) both talk to it.
  env.STRIPE_API_BASE = process.env.STRIPE_API_BASE = emulator.url;
  console.log(`Stripe emulator on ${emulator.url}`);
}

const next = spawn('npx', ['next', 'dev', '-p', String(port)], { stdio: 'inherit', env });
const shutdown = async () => {
  next.kill('SIGTERM');
  await stopEmulator?.();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
next.on('exit', async (code) => {
  await stopEmulator?.();
  process.exit(code ?? 0);
});

try {
  const demo = await seedDemo(origin, { stripe: Boolean(stopEmulator) });
  console.log(`\nBillStack is ready at ${origin}\n${demo}\n`);
} catch (error) {
  console.error('Demo data could not be seeded:', error);
}
