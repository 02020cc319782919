import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';

import { queueKeys } from '@/lib/queue/keys';
import { parseEnv } from '@/lib/env';
import { enqueue, nudgeQueue } from '@/lib/queue';
import '@/lib/server/jobs';
import { recurringJobs, type RecurringJob } from '@/lib/queue/recurring';
import { jobHandlers, registerJobHandler } from '@/lib/queue/registry';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder } from '../support/app-context';
import { describeEachDriver } from '../support/backend-matrix';
import { uniquePrefix } from '../support/services';

/**
 * Serverless draining (lib/queue/api.ts): enqueue and nudgeQueue schedule a bounded drain with
 * Next's after(), here captured instead of run after a response. A nudge promotes due delayed jobs
 * (an order's next step) without waiting for the cron route, at most once per interval.
 */
const scheduled = vi.hoisted(() => [] as (() => Promise<void>)[]);
vi.mock('next/server', () => ({ after: (callback: () => Promise<void>) => void scheduled.push(callback) }));


async function runScheduled(): Promise<number> {
  const callbacks = scheduled.splice(0);
  for (const callback of callbacks) await callback();
  return callbacks.length;
}

await describeEachDriver('queue nudge', (driver) => {
  let store: RedisStore;
  let prefix: string;
  const ran: unknown[] = [];
  // The app's recurring jobs (counter flush, order reconciler) need a database this suite has not got.
  let appRecurring: [string, RecurringJob][];
  const useEnv = (drainAfterEnqueue: string) =>
    (singletons().env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix, QUEUE_DRAIN_AFTER_ENQUEUE: drainAfterEnqueue }));

  beforeAll(async () => {
    store = await driver.create();
    prefix = uniquePrefix(`queue-nudge-${driver.name}`);
    singletons().redis = store;
    appRecurring = [...recurringJobs()];
    recurringJobs().clear();
    registerJobHandler('nudge-test', async (payload) => void ran.push(payload));
  });
  beforeEach(async () => {
    ran.length = 0;
    scheduled.length = 0;
    await deleteKeysUnder(store, prefix);
  });
  afterAll(async () => {
    for (const [name, job] of appRecurring) recurringJobs().set(name, job);
    jobHandlers().delete('nudge-test');
    singletons().redis = undefined;
    await deleteKeysUnder(store, prefix);
    await store.close();
    await driver.cleanup();
  });

  it('enqueue drains after the response on serverless, but not for a delayed job', async () => {
    useEnv('true');
    await enqueue('default', { type: 'nudge-test', payload: 'now' });
    await enqueue('default', { type: 'nudge-test', payload: 'later' }, { delayMs: 60_000 });
    expect(await runScheduled()).toBe(1);
    expect(ran).toEqual(['now']);
    expect(await store.zcard(queueKeys.delayed('default'))).toBe(1);
  });

  it('a nudge runs a delayed job once due, and a second nudge within the interval does no work', async () => {
    useEnv('true');
    await enqueue('orders', { type: 'nudge-test', payload: 'step' }, { delayMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await nudgeQueue();
    await nudgeQueue();
    expect(await runScheduled()).toBe(2);
    expect(ran).toEqual(['step']);

    // Throttled: the second nudge's drain found the marker and left this one for the next nudge.
    await enqueue('orders', { type: 'nudge-test', payload: 'throttled' }, { delayMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await nudgeQueue();
    await runScheduled();
    expect(ran).toEqual(['step']);
    await store.del([queueKeys.nudge()]);
    await nudgeQueue();
    await runScheduled();
    expect(ran).toEqual(['step', 'throttled']);
  });

  it('with a worker (no drain after enqueue), a nudge schedules nothing', async () => {
    useEnv('false');
    await enqueue('default', { type: 'nudge-test', payload: 'for the worker' });
    await nudgeQueue();
    expect(scheduled).toHaveLength(0);
    expect(ran).toEqual([]);
    expect(await store.llen(queueKeys.ready('default'))).toBe(1);
  });
});
