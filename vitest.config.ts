import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/services need PostgreSQL and Redis servers: only the server suite (npm run test:server) runs them.
    exclude: ['tests/e2e/**', 'tests/reliability/**', 'node_modules/**', ...(process.env.BILLSTACK_SERVER_SUITE ? [] : ['tests/services/**'])],
    globalSetup: ['tests/helpers/global-setup.ts'],
    setupFiles: ['tests/helpers/setup-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // On PGlite each file has a database of its own, so files run on every core (vitest leaves one idle: on
    // 2 cores that halves the suite's speed, 434 s against 240 s). The server suite's files share one database
    // and run one at a time.
    maxWorkers: process.env.BILLSTACK_SERVER_SUITE ? 1 : os.availableParallelism(),
  },
});
