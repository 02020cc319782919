import { afterAll, beforeAll, beforeEach, describe } from 'vitest';

import { parseEnv } from '@/lib/env';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder } from './app-context';
import type { DriverUnderTest } from './redis-drivers';
import { uniquePrefix } from './services';

export interface InstancePair {
  /** Two independent clients of one Redis, as two server instances hold them. */
  first: RedisStore;
  second: RedisStore;
}

/**
 * One suite per shared driver (TCP, Upstash) with two independent clients under a key prefix of its
 * own; the in-process store is one process by nature and is skipped with that reason. `body` reads
 * the clients from the pair once `beforeAll` has filled it.
 */
export function describeAcrossInstances(
  drivers: DriverUnderTest[],
  label: string,
  body: (pair: InstancePair) => void,
): void {
  for (const driver of drivers) {
    const runnable = driver.name !== 'memory' && driver.available;
    const reason = driver.name === 'memory' ? 'one process by nature' : driver.skipReason;

    describe.skipIf(!runnable)(`${label} on ${driver.name}${runnable ? '' : ` (skipped: ${reason})`}`, () => {
      const prefix = uniquePrefix(`${label.replace(/\W+/g, '-')}-${driver.name}`);
      const pair = {} as InstancePair;

      beforeAll(async () => {
        [pair.first, pair.second] = await Promise.all([driver.create(), driver.create()]);
      });
      beforeEach(() => {
        const app = singletons();
        app.env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix, REDIS_TIMEOUT_MS: '5000' });
        app.redisBreaker = undefined;
      });
      afterAll(async () => {
        await deleteKeysUnder(pair.first, prefix);
        await Promise.all([pair.first.close(), pair.second.close()]);
        await driver.cleanup();
      });

      body(pair);
    });
  }
}
