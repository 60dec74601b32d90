import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The reliability suite (`npm run test:reliability`): production servers (`next start`, run `next build` first)
// on a fresh PostgreSQL database and the Redis server, killed, doubled and fed Stripe faults. Files one at a
// time: each runs its own servers on the run's database.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts', 'tests/reliability/figures-setup.ts'],
    setupFiles: ['tests/reliability/setup-env.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
