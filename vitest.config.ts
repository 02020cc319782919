import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: `integration`, the files that need a Redis or Postgres server (the shared ones, or a
 * redis-server or Postgres cluster a fault test starts), and `unit`, everything else, PGlite and the
 * in-process store included (`npm run test:unit`). `npm test` runs both.
 */
const SERVER_TESTS_IN_LIB = [
  'lib/auth/sessions.test.ts',
  'lib/ratelimit/tcp-adapter.test.ts',
  'lib/redis/tcp-*.test.ts',
  'lib/redis/upstash-*.test.ts',
];
/** Suites under tests/integration that run on PGlite and the in-process store alone. */
const SERVERLESS_INTEGRATION = ['counters-schedule', 'mutations', 'queue-admin', 'queue-cron', 'twilio', 'twilio-orders'];

const NEVER = ['node_modules/**', '.next/**', 'e2e/**', '.data/**'];

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // 'server-only' throws outside Next's react-server condition; in tests every module is server-side.
      'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only.ts'),
    },
  },
  test: {
    globalSetup: ['tests/global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites share the real Redis and Postgres but each uses its own key prefix or database.
    fileParallelism: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [
            ...NEVER,
            ...SERVER_TESTS_IN_LIB,
            'tests/contract/**',
            `tests/integration/!(${SERVERLESS_INTEGRATION.join('|')}).test.ts`,
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [...SERVER_TESTS_IN_LIB, 'tests/contract/**/*.test.ts', 'tests/integration/*.test.ts'],
          exclude: [...NEVER, ...SERVERLESS_INTEGRATION.map((name) => `tests/integration/${name}.test.ts`)],
        },
      },
    ],
  },
});
