import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { dayOf } from '@/lib/views/buckets';
import { COUNTER_FLUSH_JOB, runCounterFlushJob } from '@/lib/views/schedule';
import { ConfigError, parseEnv } from '@/lib/env';
import { getCityRestaurants } from '@/lib/menus/cached';
import { drainQueues } from '@/lib/queue/drain';
import '@/lib/server/jobs';
import { pushJob } from '@/lib/queue/job-store';
import { processOne } from '@/lib/queue/process';
import { recurringJobs } from '@/lib/queue/recurring';
import { jobHandlers } from '@/lib/queue/registry';
import { runWorker } from '@/lib/queue/worker';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { installBackends } from '../support/app-context';
import { brokenStore, clearDurableViews, durableRows, recordViews, restaurantsOf } from '../support/counters';
import { createTestPglite } from '../support/databases';

/**
 * The periodic flush as a recurring queue job (lib/views/schedule.ts): enqueued once per
 * COUNTER_FLUSH_INTERVAL_SECONDS by the maintenance pass (here: a drain, and a worker as embedded
 * mode runs one), off at 0, and a failure is logged once instead of being retried by the queue.
 */
describe('counter flush as a recurring job', () => {
  let redis: RedisStore;
  let db: DatabaseHandle;
  let restaurant: { slug: string; citySlug: string };
  const install = (interval: string) => installBackends({ redis, database: db, env: { COUNTER_FLUSH_INTERVAL_SECONDS: interval } });
  const today = () => dayOf(new Date());

  beforeAll(async () => {
    redis = createMemoryStore();
    db = await createTestPglite();
    install('60');
    [restaurant] = restaurantsOf((await getCityRestaurants('delhi')).value!) as [{ slug: string; citySlug: string }];
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await clearDurableViews(db.db, restaurant.slug);
    await runCounterFlushJob({ store: redis, db: db.db });
    await clearDurableViews(db.db, restaurant.slug);
  });
  afterAll(async () => {
    await redis.close();
    await db.close();
  });

  it('is registered with the queue, its period read from the environment when jobs run', () => {
    expect(jobHandlers().has(COUNTER_FLUSH_JOB)).toBe(true);
    const job = recurringJobs().get(COUNTER_FLUSH_JOB)!;
    expect(job).toMatchObject({ queue: 'default', type: COUNTER_FLUSH_JOB });
    install('15');
    expect(typeof job.everyMs === 'function' ? job.everyMs() : job.everyMs).toBe(15_000);
  });

  it('the maintenance pass enqueues one flush per period, and the drain runs it', async () => {
    install('60');
    let clock = 1_800_000_000_000; // the start of a 60 s period
    const deps = { now: () => clock };
    await recordViews(restaurant, 3);
    const first = await drainQueues({ deps });
    expect(first.scheduled).toBeGreaterThanOrEqual(1);
    expect(await durableRows(db.db, restaurant.slug)).toEqual({ [today()]: 3 });

    await recordViews(restaurant, 2);
    clock += 59_999;
    await drainQueues({ deps });
    expect(await durableRows(db.db, restaurant.slug)).toEqual({ [today()]: 3 });
    clock += 1;
    await drainQueues({ deps });
    expect(await durableRows(db.db, restaurant.slug)).toEqual({ [today()]: 5 });
  });

  it('is off with an interval of 0', async () => {
    install('0');
    await recordViews(restaurant, 2);
    await drainQueues({ deps: { now: () => 1_900_000_000_000 } });
    expect(await durableRows(db.db, restaurant.slug)).toEqual({});
  });

  it('runs in the in-process worker of embedded mode, on the worker’s maintenance timer', async () => {
    install('1');
    await recordViews(restaurant, 4);
    const controller = new AbortController();
    const worker = runWorker({ signal: controller.signal, pollMs: 50 });
    try {
      await vi.waitFor(async () => expect(await durableRows(db.db, restaurant.slug)).toEqual({ [today()]: 4 }), {
        timeout: 5_000,
        interval: 50,
      });
    } finally {
      controller.abort();
      await worker;
      // A claim still blocked when the worker stopped ends within pollMs (handing back anything it took).
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  });

  it('a failing flush completes its job (the next period is the retry) and is logged once, as is its recovery', async () => {
    install('60');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    // The queue on the working store, the flush on one that refuses every command.
    singletons().redis = brokenStore();
    for (let i = 0; i < 2; i++) {
      const id = await pushJob('default', { type: COUNTER_FLUSH_JOB, payload: null }, { store: redis });
      expect(await processOne('default', jobHandlers(), { store: redis })).toEqual({ status: 'done', jobId: id });
    }
    expect(warn.mock.calls.filter(([line]) => String(line).includes('counter flush failed'))).toHaveLength(1);

    singletons().redis = redis;
    expect(await runCounterFlushJob()).not.toBeNull();
    expect(info.mock.calls.filter(([line]) => String(line).includes('counter flush working again'))).toHaveLength(1);
  });

  it('rejects a negative or fractional interval', () => {
    expect(() => parseEnv({ COUNTER_FLUSH_INTERVAL_SECONDS: '-1' })).toThrow(ConfigError);
    expect(() => parseEnv({ COUNTER_FLUSH_INTERVAL_SECONDS: '1.5' })).toThrow(/COUNTER_FLUSH_INTERVAL_SECONDS/);
    expect(parseEnv({}).COUNTER_FLUSH_INTERVAL_SECONDS).toBe(60);
  });
});
