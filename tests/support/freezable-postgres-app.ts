import { afterAll, beforeAll } from 'vitest';

import { connectPostgres, type DatabaseHandle } from '@/db/client';
import { createTcpStore } from '@/lib/redis/tcp-store';
import type { RedisStore } from '@/lib/redis/types';

import { installBackends } from './app-context';
import { createTestPostgres } from './databases';
import { postgresServerMissing, startOwnPostgres, type OwnPostgres } from './postgres-server';
import { redisServerInstalled, startOwnRedis, type OwnRedis } from './redis-server';
import { IN_CI, uniquePrefix } from './services';

/** Why a suite that freezes the app's Postgres can't run on this machine (undefined: it can); CI always runs it. */
export function freezablePostgresMissing(suite: string): string | undefined {
  const missing = IN_CI ? undefined : (postgresServerMissing() ?? (redisServerInstalled() ? undefined : 'no redis-server binary'));
  if (missing) console.warn(`[${suite}] skipped: ${missing} (CI=true makes this a failure)`);
  return missing;
}

export interface FreezableApp {
  /** The suite's own cluster: `freeze()` (SIGSTOP of the postmaster and its backends), `thaw()`. */
  pg: OwnPostgres;
  app: DatabaseHandle;
  store: RedisStore;
}

/**
 * The app installed on a Postgres cluster and a redis-server of the suite's own, its database client
 * waiting a minute on a statement and a connect, longer than any test's timeout: a read that waits
 * for the frozen Postgres is still waiting when the test's timeout ends it, so only the code's own
 * budget can answer in time and no clock is needed in an assertion. Call inside the suite's describe;
 * the fields are set by its beforeAll.
 */
export function appOnFreezablePostgres(suite: string): FreezableApp {
  const own = {} as FreezableApp;
  let seeded: Awaited<ReturnType<typeof createTestPostgres>> | undefined;
  let redis: OwnRedis | undefined;
  beforeAll(async () => {
    own.pg = await startOwnPostgres();
    seeded = await createTestPostgres(suite.replaceAll('-', '_'), own.pg.url);
    own.app = connectPostgres(seeded.url, { connectMs: 60_000, statementMs: 60_000 });
    redis = await startOwnRedis(Number(process.env.TEST_OWN_REDIS_PORT) || undefined);
    own.store = createTcpStore({ url: redis.url, commandTimeoutMs: 150 });
    installBackends({ redis: own.store, database: own.app, env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: uniquePrefix(suite) } });
  }, 180_000);
  afterAll(async () => {
    own.pg?.thaw();
    await own.store?.close();
    await redis?.destroy();
    await own.app?.close();
    await seeded?.close();
    own.pg?.destroy();
  });
  return own;
}
