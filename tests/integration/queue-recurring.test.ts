import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';

import { queueKeys } from '@/lib/queue/keys';
import { parseEnv } from '@/lib/env';
import type { QueueDeps } from '@/lib/queue/deps';
import { maintainQueues } from '@/lib/queue/maintenance';
import { enqueueDueRecurringJobs, recurringJobs, registerRecurringJob, type RecurringJob } from '@/lib/queue/recurring';
import type { QueueName } from '@/lib/queue/types';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder } from '../support/app-context';
import { describeEachDriver } from '../support/backend-matrix';
import { uniquePrefix } from '../support/services';

/**
 * Recurring jobs (lib/queue/recurring.ts) on all three drivers: at most one job per period however
 * many processes run the maintenance pass at once, with an injected clock.
 */
const MINUTE = 60_000;

await describeEachDriver('recurring jobs', (driver) => {
  let stores: RedisStore[];
  let prefix: string;
  let clock = 1_800_000_000_000; // the start of a minute
  const now = () => clock;
  /** Two instances: two clients of one Redis (the in-process store has one client only). */
  let instances: QueueDeps[];
  const tick: RecurringJob = { name: 'test.tick', queue: 'default', type: 'tick', payload: { from: 'schedule' }, everyMs: MINUTE };

  beforeAll(async () => {
    const firstStore = await driver.create();
    stores = driver.name === 'memory' ? [firstStore] : [firstStore, await driver.create()];
    prefix = uniquePrefix(`queue-recurring-${driver.name}`);
    singletons().env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix });
    instances = [stores[0]!, stores.at(-1)!].map((store) => ({ store, now }));
  });
  afterEach(async () => {
    recurringJobs().delete(tick.name);
    await deleteKeysUnder(stores[0]!, prefix);
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await driver.cleanup();
  });

  const ready = async (queue: QueueName = 'default') => {
    const ids = await stores[0]!.lrange(queueKeys.ready(queue), 0, -1);
    return Promise.all(ids.map((id) => stores[0]!.hgetall(queueKeys.job(queue, id))));
  };

  it('enqueues once per period, however many instances run the pass at once', async () => {
    const pushed = await Promise.all([...instances, ...instances].map((deps) => enqueueDueRecurringJobs(deps, [tick])));
    expect(pushed.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await ready()).toEqual([expect.objectContaining({ type: 'tick', payload: JSON.stringify({ from: 'schedule' }) })]);
    // The slot's marker lives one period past its slot.
    const ttl = await stores[0]!.pttl(queueKeys.recurringSlot(tick.name, clock / MINUTE));
    expect(ttl).toBeGreaterThan(MINUTE);
    expect(ttl).toBeLessThanOrEqual(2 * MINUTE);

    clock += MINUTE - 1;
    expect(await enqueueDueRecurringJobs(instances[1], [tick])).toBe(0);
    clock += 1;
    const next = await Promise.all(instances.map((deps) => enqueueDueRecurringJobs(deps, [tick])));
    expect(next.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await ready()).toHaveLength(2);
  });

  it('the maintenance pass enqueues registered recurring jobs and reports them', async () => {
    registerRecurringJob(tick);
    clock += MINUTE;
    const report = await maintainQueues(['default'], instances[0]);
    expect(report.scheduled).toBe(1);
    expect((await ready()).filter((job) => job.type === 'tick')).toHaveLength(1);
    expect((await maintainQueues(['default'], instances[1])).scheduled).toBe(0);
  });

  it('a period of 0 is off, and a period read from a function is read at each pass', async () => {
    let everyMs = 0;
    const job = { ...tick, everyMs: () => everyMs };
    clock += MINUTE;
    expect(await enqueueDueRecurringJobs(instances[0], [job])).toBe(0);
    expect(await enqueueDueRecurringJobs(instances[0], [{ ...tick, everyMs: 0 }])).toBe(0);
    everyMs = MINUTE;
    expect(await enqueueDueRecurringJobs(instances[0], [job])).toBe(1);
  });

  it('a period that turns out invalid skips that job (logged) and not the others', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      clock += MINUTE;
      const broken = { ...tick, name: 'test.broken', everyMs: () => 1.5 };
      expect(await enqueueDueRecurringJobs(instances[0], [broken, tick])).toBe(1);
      expect(warn.mock.calls.some(([line]) => String(line).includes('recurring job skipped'))).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses a bad registration with a clear error, registering nothing', () => {
    const cases: [Partial<RecurringJob>, RegExp][] = [
      [{ name: 'Has Spaces' }, /recurring job name/],
      [{ name: '' }, /recurring job name/],
      [{ queue: 'nope' as QueueName }, /unknown queue "nope"/],
      [{ type: '' }, /needs a type/],
      [{ everyMs: -1 }, /everyMs must be a whole number/],
      [{ everyMs: 2.5 }, /everyMs must be a whole number/],
      [{ everyMs: Number.POSITIVE_INFINITY }, /everyMs must be a whole number/],
    ];
    for (const [change, message] of cases) {
      expect(() => registerRecurringJob({ ...tick, ...change })).toThrow(message);
    }
    expect(recurringJobs().has(tick.name)).toBe(false);
  });
});
