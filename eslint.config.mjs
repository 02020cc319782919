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
    // A prefetch is a request through the rate limiter and a Redis read, several per page view on every
    // link in the viewport, billed per command on Upstash (docs/performance.md): each link decides.
    files: ['app/**/*.tsx', 'components/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXOpeningElement[name.name='Link']:not(:has(JSXAttribute[name.name='prefetch']))",
          message: 'Say prefetch={false} (or why a prefetch is worth its request) on every Link.',
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
