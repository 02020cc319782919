import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    // Only db/ and lib/ may talk to Postgres or Redis; pages and components go through lib/.
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['drizzle-orm', 'postgres', 'redis'].map((name) => ({ name, message: 'Data access lives in lib/ and db/.' })),
          patterns: [
            { group: ['drizzle-orm/*', '@electric-sql/*', '@upstash/*', '@redis/*'], message: 'Data access lives in lib/ and db/.' },
            { group: ['@/db', '@/db/*'], message: 'Read data through lib/ (e.g. lib/menus/cached) instead of the db client.' },
          ],
        },
      ],
    },
  },
  {
    // Specs take `test` from e2e/support/test.ts, which fails a test on any CSP violation.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@playwright/test', message: "Import test and expect from './support/test' (it fails a test on CSP violations)." }] },
      ],
    },
  },
]);
