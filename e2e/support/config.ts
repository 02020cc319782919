/**
 * One place for what the e2e server and the tests must agree on. Real services when E2E_DATABASE_URL
 * and E2E_REDIS_URL are set (CI), else the embedded database in its own folder and the in-process store.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || undefined;
export const E2E_REDIS_URL = process.env.E2E_REDIS_URL || undefined;
export const E2E_KEY_PREFIX = 'thali-e2e:';
export const E2E_PGLITE_DIR = '.data/e2e-pglite';

export function e2eServerEnv(): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    REDIS_KEY_PREFIX: E2E_KEY_PREFIX,
    // Playwright merges these over the caller's environment: blank out backends a developer may
    // have exported, so only what is chosen here is used (the env module treats '' as unset).
    DATABASE_URL: '',
    REDIS_URL: '',
    UPSTASH_REDIS_REST_URL: '',
    UPSTASH_REDIS_REST_TOKEN: '',
  };
  if (E2E_DATABASE_URL) env.DATABASE_URL = E2E_DATABASE_URL;
  else env.PGLITE_DIR = E2E_PGLITE_DIR;
  if (E2E_REDIS_URL) env.REDIS_URL = E2E_REDIS_URL;
  return env;
}
