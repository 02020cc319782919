import { afterAll, beforeAll, describe } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { flushCacheStats } from '@/lib/cache/stats';
import type { RedisStore } from '@/lib/redis/types';

import { deleteKeysUnder, installBackends } from './app-context';
import { createTestPglite, createTestPostgres } from './databases';
import { driversUnderTest, type DriverUnderTest } from './redis-drivers';
import { IN_CI, missing, postgresAvailable, uniquePrefix } from './services';

/**
 * The integration matrix "each Redis driver with its database": the in-process store with a PGlite
 * copy (needs no service), the TCP and Upstash drivers with the real Postgres, as in production.
 * A pair that cannot run says why in its suite's title, so a skip is never silent.
 */
export interface BackendPair {
  driver: DriverUnderTest;
  database: 'pglite' | 'postgres';
  runnable: boolean;
  /** `<subject> on tcp + postgres`, plus `(skipped: <reason>)` when the pair cannot run. */
  title(subject: string, options?: { withDatabase?: boolean }): string;
}

/** Every pair; `sharedDriversOnly` leaves out the in-process store, which another process can't reach. */
export async function backendPairs(options: { sharedDriversOnly?: boolean } = {}): Promise<BackendPair[]> {
  const drivers = await driversUnderTest();
  const hasPostgres = (await postgresAvailable()) || IN_CI;
  return drivers
    .filter((driver) => !options.sharedDriversOnly || driver.name !== 'memory')
    .map((driver) => backendPair(driver, hasPostgres));
}

export function backendPair(driver: DriverUnderTest, hasPostgres: boolean): BackendPair {
  const database = driver.name === 'memory' ? 'pglite' : 'postgres';
  const runnable = driver.available && (database === 'pglite' || hasPostgres);
  const reason = !driver.available ? driver.skipReason : missing('Postgres');
  return {
    driver,
    database,
    runnable,
    title: (subject, { withDatabase = true } = {}) =>
      `${subject} on ${driver.name}${withDatabase ? ` + ${database}` : ''}${runnable ? '' : ` (skipped: ${reason})`}`,
  };
}

/** One suite's store and database; filled by `beforeAll`, so read them inside hooks and tests. */
export interface SuiteBackends {
  redis: RedisStore;
  db: DatabaseHandle;
  /** Unique to this suite and driver; every key the app writes starts with it. */
  prefix: string;
  /** Points the app at `store` (by default the suite's own) and the database, with the suite's env. */
  install(store?: RedisStore): void;
}

/**
 * Registers the hooks that open the pair and install it as the app's backends, then after the suite
 * delete its keys and close both. `label` names the key prefix and the Postgres database; `env` is the
 * suite's own settings beside REDIS_KEY_PREFIX. The suite's own `beforeAll`, registered after this
 * call, runs with the pair open; its `afterAll` runs before the pair closes.
 */
export function setUpBackends(pair: BackendPair, options: { label: string; env?: Record<string, string> }): SuiteBackends {
  const { driver } = pair;
  const name = `${options.label}-${driver.name}`;
  const prefix = uniquePrefix(name);
  const backends = {
    prefix,
    install: (store?: RedisStore) =>
      installBackends({ redis: store ?? backends.redis, database: backends.db, env: { REDIS_KEY_PREFIX: prefix, ...options.env } }),
  } as SuiteBackends;

  beforeAll(async () => {
    backends.redis = await driver.create();
    backends.db = pair.database === 'pglite' ? await createTestPglite() : await createTestPostgres(name);
    backends.install();
  });

  afterAll(async () => {
    // Counts still waiting for their once-a-second flush would otherwise land after the clean-up.
    await flushCacheStats();
    await deleteKeysUnder(backends.redis, prefix);
    await backends.redis.close();
    await backends.db.close();
    await driver.cleanup();
  });

  return backends;
}

/**
 * The Redis-only matrix: `suite` once per driver, titled `<subject> on <driver>`, for suites that
 * bring their own database or none. A driver that cannot run is skipped with its reason in the title.
 */
export async function describeEachDriver(subject: string, suite: (driver: DriverUnderTest) => void): Promise<void> {
  for (const driver of await driversUnderTest()) {
    const title = `${subject} on ${driver.name}${driver.available ? '' : ` (skipped: ${driver.skipReason})`}`;
    describe.skipIf(!driver.available)(title, () => suite(driver));
  }
}
