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
  },
});
