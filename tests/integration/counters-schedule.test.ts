import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { dayOf } from '@/lib/counters/buckets';
import { runScheduledFlush, startCounterFlushSchedule, stopCounterFlushSchedule } from '@/lib/counters/schedule';
import { ConfigError, parseEnv } from '@/lib/env';
import { getCityRestaurants } from '@/lib/menus/cached';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { installBackends } from '../support/app-context';
import { brokenStore, durableRows, recordViews, restaurantsOf } from '../support/counters';
import { createTestPglite } from '../support/databases';

/** The flush on its start-up timer: it runs on its own, can be turned off, and logs outages once. */
describe('counter flush schedule', () => {
  let redis: RedisStore;
  let db: DatabaseHandle;
  const install = (store: RedisStore, interval: string) =>
    installBackends({ redis: store, database: db, env: { COUNTER_FLUSH_INTERVAL_SECONDS: interval } });

  beforeAll(async () => {
    redis = createMemoryStore();
    db = await createTestPglite();
  });
  afterEach(() => {
    stopCounterFlushSchedule();
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await redis.close();
    await db.close();
  });

  it('flushes on its own every interval, with one timer however often it is started', async () => {
    install(redis, '1');
    const [restaurant] = restaurantsOf((await getCityRestaurants('delhi')).value!);
    await recordViews(restaurant!, 3);
    startCounterFlushSchedule();
    const timer = singletons().counterFlush?.timer;
    startCounterFlushSchedule();
    expect(singletons().counterFlush?.timer).toBe(timer);
    expect(timer?.hasRef()).toBe(false);

    await vi.waitFor(async () => expect(await durableRows(db.db, restaurant!.slug)).toEqual({ [dayOf(new Date())]: 3 }), {
      timeout: 5_000,
      interval: 100,
    });
  });

  it('is off with an interval of 0', () => {
    install(redis, '0');
    vi.spyOn(console, 'info').mockImplementation(() => {});
    startCounterFlushSchedule();
    expect(singletons().counterFlush).toBeUndefined();
  });

  it('logs a failing flush once, not every run, and its recovery', async () => {
    install(brokenStore(), '3600');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    startCounterFlushSchedule();
    await runScheduledFlush();
    await runScheduledFlush();
    expect(warn.mock.calls.filter(([line]) => String(line).includes('counter flush failed'))).toHaveLength(1);

    singletons().redis = redis;
    await runScheduledFlush();
    expect(info.mock.calls.filter(([line]) => String(line).includes('counter flush working again'))).toHaveLength(1);
  });

  it('rejects a negative or fractional interval', () => {
    expect(() => parseEnv({ COUNTER_FLUSH_INTERVAL_SECONDS: '-1' })).toThrow(ConfigError);
    expect(() => parseEnv({ COUNTER_FLUSH_INTERVAL_SECONDS: '1.5' })).toThrow(/COUNTER_FLUSH_INTERVAL_SECONDS/);
    expect(parseEnv({}).COUNTER_FLUSH_INTERVAL_SECONDS).toBe(60);
  });
});
