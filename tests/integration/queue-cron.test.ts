import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { queueKeys } from '@/lib/queue/keys';
import { parseEnv } from '@/lib/env';
import { handleQueueCron } from '@/lib/queue/cron';
import { pushJob } from '@/lib/queue/job-store';
import { recurringJobs, type RecurringJob } from '@/lib/queue/recurring';
import { jobHandlers, registerJobHandler } from '@/lib/queue/registry';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

/** The cron route's guard and drain, on the in-process store. */
describe('queue cron route', () => {
  let store: RedisStore;
  // The app's recurring jobs (counter flush, order reconciler) need a database this suite has not got.
  let appRecurring: [string, RecurringJob][];
  const SECRET = 'a-long-enough-cron-secret';
  const request = (authorization?: string) =>
    new Request('http://localhost/api/cron/queue', authorization ? { headers: { authorization } } : {});

  beforeAll(() => {
    store = createMemoryStore();
    singletons().redis = store;
    appRecurring = [...recurringJobs()];
    recurringJobs().clear();
  });

  afterAll(async () => {
    singletons().redis = undefined;
    jobHandlers().delete('cron-test');
    for (const [name, job] of appRecurring) recurringJobs().set(name, job);
    await store.close();
  });

  it('is off while CRON_SECRET is unset: a 404 that names no setting (never a 5xx to an anonymous caller)', async () => {
    singletons().env = parseEnv({ NODE_ENV: 'test' });
    const response = await handleQueueCron(request(`Bearer ${SECRET}`));
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).not.toContain('CRON_SECRET');
  });

  it('answers 401 without the secret or with a wrong one, and runs nothing', async () => {
    singletons().env = parseEnv({ NODE_ENV: 'test', CRON_SECRET: SECRET });
    await pushJob('default', { type: 'cron-test', payload: 1 });
    expect((await handleQueueCron(request())).status).toBe(401);
    expect((await handleQueueCron(request(`Bearer ${SECRET}x`))).status).toBe(401);
    expect((await handleQueueCron(request(SECRET))).status).toBe(401);
    expect(await store.llen(queueKeys.ready('default'))).toBe(1);
  });

  it('with the secret, runs the ready jobs', async () => {
    singletons().env = parseEnv({ NODE_ENV: 'test', CRON_SECRET: SECRET });
    const ran: unknown[] = [];
    registerJobHandler('cron-test', async (payload) => void ran.push(payload));
    await pushJob('default', { type: 'cron-test', payload: 2 });
    const response = await handleQueueCron(request(`Bearer ${SECRET}`));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, processed: 2, failed: 0 });
    expect(ran.sort()).toEqual([1, 2]);
    expect(await store.llen(queueKeys.ready('default'))).toBe(0);
  });
});
