import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { parseEnv } from '@/lib/env';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';
import { dailyCapCount } from '@/lib/sms/daily-cap';
import { SMS_DAY_TTL_MS, smsKeys } from '@/lib/sms/keys';
import { dayOf } from '@/lib/views/buckets';

import { deleteKeysUnder } from '../support/app-context';
import { describeEachDriver } from '../support/backend-matrix';
import { uniquePrefix } from '../support/services';

/** `store`, except that its `n`-th command (from 1) fails, as a Redis going away mid-count would. */
function failingAt(store: RedisStore, n: number): RedisStore {
  let calls = 0;
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || name === 'close') return value;
      return async (...args: unknown[]) => {
        calls += 1;
        if (calls === n) throw new Error('connection lost');
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
}

await describeEachDriver('sms daily cap', (driver) => {
  const prefix = uniquePrefix(`sms-cap-${driver.name}`);
  let store: RedisStore;
  let day = 0;
  let now: number;

  beforeAll(async () => {
    store = await driver.create();
  });
  beforeEach(() => {
    singletons().env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix });
    // A day of its own for each case, so no count carries over.
    day += 1;
    now = Date.UTC(2030, 0, day, 6);
  });
  afterAll(async () => {
    await deleteKeysUnder(store, prefix);
    await store.close();
    await driver.cleanup();
  });

  it("never leaves the day's count without an expiry, whichever command of the day's first text fails", async () => {
    for (let n = 1; n <= 4; n++) {
      const key = smsKeys.sentDay(dayOf(now), 'otp');
      await store.del([key]);
      const counted = await dailyCapCount(failingAt(store, n), 'otp', { cap: 5, now: () => now })
        .count()
        .then(() => true, () => false);
      const ttl = await store.pttl(key);
      // No key at all, or one that expires: never a count that outlives its day forever (-1).
      expect(ttl === -2 || (ttl > 0 && ttl <= SMS_DAY_TTL_MS), `command ${n} failed: PTTL ${ttl}`).toBe(true);
      if (counted) expect(Number(await store.get(key))).toBe(1);
    }
  });

  it('a day key Redis lost between its SET NX and its INCRBY (FLUSHALL, a restart empty) still gets an expiry (fault review)', async () => {
    const key = smsKeys.sentDay(dayOf(now), 'order');
    const losing = new Proxy(store, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function' || name !== 'set') return value;
        return async (...args: unknown[]) => {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          await target.del([key]);
          return result;
        };
      },
    });
    expect(await dailyCapCount(losing, 'order', { cap: 5, now: () => now }).count()).toBe(true);
    expect(await store.get(key)).toBe('1');
    // Before: INCRBY made the key anew without one (-1), a count that never expired.
    const ttl = await store.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(SMS_DAY_TTL_MS);
  });

  it('refunds only a count that was made: a count Redis failed takes nothing off the day (fault review)', async () => {
    const key = smsKeys.sentDay(dayOf(now), 'order');
    expect(await dailyCapCount(store, 'order', { cap: 5, now: () => now }).count()).toBe(true);
    // The next text's count fails (its INCRBY never ran) and the send's catch refunds it, as texts.ts
    // does for any error that is not a send that may have gone out: the other text's count stays.
    for (const n of [1, 2]) {
      const failed = dailyCapCount(failingAt(store, n), 'order', { cap: 5, now: () => now });
      await expect(failed.count()).rejects.toThrow('connection lost');
      await failed.refund();
      expect(await store.get(key), `command ${n} failed`).toBe('1');
    }
  });

  it('counts to the cap across counts, refunds, and a refund after the count was lost leaves no key behind', async () => {
    const count = () => dailyCapCount(store, 'order', { cap: 2, now: () => now });
    const key = smsKeys.sentDay(dayOf(now), 'order');
    expect(await count().count()).toBe(true);
    const second = count();
    expect(await second.count()).toBe(true);
    expect(await count().count()).toBe(false);
    await second.refund();
    expect(await store.get(key)).toBe('2');
    expect(await store.pttl(key)).toBeGreaterThan(0);
    // Redis lost the count (a restart): the refund leaves neither a negative count nor a key without a TTL.
    await store.del([key]);
    await second.refund();
    expect(await store.pttl(key)).toBe(-2);
  });
});
