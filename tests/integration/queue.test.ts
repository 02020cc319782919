import { afterAll, beforeAll, expect, it } from 'vitest';

import { queueKeys } from '@/lib/queue/keys';
import { parseEnv } from '@/lib/env';
import { ackJob, claimJob } from '@/lib/queue/claim';
import { discardDeadJob, retryDeadJob } from '@/lib/queue/dead-letters';
import type { QueueDeps } from '@/lib/queue/deps';
import { delayedMember, jobIdOfDelayedMember } from '@/lib/queue/delayed-member';
import { backoffMs, OUTAGE_PATIENCE_MS, OUTAGE_RETRY_MS } from '@/lib/queue/failure';
import { pushJob } from '@/lib/queue/job-store';
import { maintainQueue } from '@/lib/queue/maintenance';
import { readQueue } from '@/lib/queue/overview';
import { processOne } from '@/lib/queue/process';
import { enqueue } from '@/lib/queue';
import type { JobHandler, QueueName } from '@/lib/queue/types';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder, keysUnder } from '../support/app-context';
import { describeEachDriver } from '../support/backend-matrix';
import { handingOver, withCommands } from '../support/store-overrides';
import { uniquePrefix } from '../support/services';

/**
 * The queue (lib/queue/process.ts and the modules it names) on all three drivers: the same cases against the in-process store,
 * node-redis and Upstash REST, with an injected clock for leases and retries.
 */
const VISIBILITY = 30_000;
const BASE = 1_000;

await describeEachDriver('job queue', (driver) => {
  let store: RedisStore;
  let prefix: string;
  let clock = 1_700_000_000_000;
  const now = () => clock;
  let deps: QueueDeps;

  beforeAll(async () => {
    store = await driver.create();
    prefix = uniquePrefix(`queue-${driver.name}`);
    singletons().env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix });
    deps = { store, now, config: { maxAttempts: 3, visibilityTimeoutMs: VISIBILITY, backoffBaseMs: BASE } };
  });

  afterAll(async () => {
    await deleteKeysUnder(store, prefix);
    await store.close();
    await driver.cleanup();
  });

  const handlersOf = (entries: Record<string, JobHandler>) => new Map(Object.entries(entries));

  it('enqueue → claim → ack, first in first out, leaving no keys behind', async () => {
    const first = await pushJob('default', { type: 'greet', payload: { n: 1 } }, deps);
    const second = await pushJob('default', { type: 'greet', payload: { n: 2 } }, deps);
    expect(await store.llen(queueKeys.ready('default'))).toBe(2);

    const claimed = await claimJob('default', deps);
    expect(claimed).toMatchObject({ id: first, type: 'greet', payload: { n: 1 }, attempt: 1 });
    expect(await store.lrange(queueKeys.processing('default'), 0, -1)).toEqual([first]);
    expect(await store.zscore(queueKeys.leases('default'), first)).toBe(clock + VISIBILITY);
    await ackJob('default', first, deps);

    const seen: unknown[] = [];
    const outcome = await processOne('default', handlersOf({ greet: async (payload) => void seen.push(payload) }), deps);
    expect(outcome).toEqual({ status: 'done', jobId: second });
    expect(seen).toEqual([{ n: 2 }]);
    expect(await claimJob('default', deps)).toBeNull();
    const left = await keysUnder(store, `${prefix}queue:v1:{default}:`);
    // Only the done marker remains, beside the admin's bookkeeping of finished jobs (lib/queue/finished.ts).
    expect([...left].sort()).toEqual([queueKeys.done('default', second), queueKeys.finished('default'), queueKeys.finishedCount('default')].sort());
  });

  it('an enqueue whose id could not be written leaves no orphan job hash (at once and delayed)', async () => {
    const lost = () => Promise.reject(new Error('connection lost'));
    const failing = { ...deps, store: withCommands(store, { lpush: lost, zadd: lost }) };
    const before = (await keysUnder(store, prefix)).filter((key) => key.includes(':job:'));
    await expect(pushJob('default', { type: 'orphan', payload: null }, failing)).rejects.toThrow('connection lost');
    await expect(pushJob('default', { type: 'orphan', payload: null }, failing, { delayMs: 5_000 })).rejects.toThrow('connection lost');
    const after = (await keysUnder(store, prefix)).filter((key) => key.includes(':job:'));
    expect(after.sort()).toEqual(before.sort());
  });

  it('a claim whose worker died is redelivered by the reaper once its lease expires', async () => {
    const id = await pushJob('orders', { type: 'x', payload: null }, deps);
    const abandoned = await claimJob('orders', deps);
    expect(abandoned?.id).toBe(id);
    // Not expired yet: nothing moves.
    clock += VISIBILITY - 1;
    expect(await maintainQueue('orders', deps)).toEqual({ reaped: 0, promoted: 0 });
    expect(await claimJob('orders', deps)).toBeNull();
    clock += 1;
    expect(await maintainQueue('orders', deps)).toEqual({ reaped: 1, promoted: 0 });
    expect(await store.llen(queueKeys.processing('orders'))).toBe(0);
    const again = await claimJob('orders', deps);
    expect(again).toMatchObject({ id, attempt: 2 });
    await ackJob('orders', id, deps);
  });

  it('a claim that died before its lease was written gets a lease, then is reaped', async () => {
    const id = await pushJob('orders', { type: 'x', payload: null }, deps);
    // What a worker killed between LMOVE and ZADD leaves behind.
    await store.lmove(queueKeys.ready('orders'), queueKeys.processing('orders'), 'RIGHT', 'LEFT');
    expect(await maintainQueue('orders', deps)).toEqual({ reaped: 0, promoted: 0 });
    expect(await store.zscore(queueKeys.leases('orders'), id)).toBe(clock + VISIBILITY);
    clock += VISIBILITY;
    expect(await maintainQueue('orders', deps)).toEqual({ reaped: 1, promoted: 0 });
    expect((await claimJob('orders', deps))?.id).toBe(id);
    await ackJob('orders', id, deps);
  });

  it('a stuck claim is reaped however many newer claims are in flight (the oldest are looked at first)', async () => {
    // Review finding: maintenance read the newest 500 of processing (claims go in at its head), so with
    // more in flight the oldest, the ones whose leases run out first, were never reaped.
    const id = await pushJob('orders', { type: 'x', payload: null }, deps);
    expect((await claimJob('orders', deps))?.id).toBe(id);
    clock += 1_000;
    const newer = Array.from({ length: 500 }, (_, i) => `newer-${i}`);
    await store.lpush(queueKeys.processing('orders'), newer);
    await store.zadd(queueKeys.leases('orders'), newer.map((member) => ({ member, score: clock + VISIBILITY })));
    clock += VISIBILITY - 1_000;
    expect(await maintainQueue('orders', deps)).toEqual({ reaped: 1, promoted: 0 });
    expect((await claimJob('orders', deps))?.id).toBe(id);
    await ackJob('orders', id, deps);
    await store.del([queueKeys.processing('orders'), queueKeys.leases('orders')]);
  });

  it('a failing job is retried with exponential backoff, then dead-lettered after maxAttempts', async () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, BASE))).toEqual([1_000, 2_000, 4_000, 8_000]);
    const attempts: number[] = [];
    const handlers = handlersOf({
      flaky: async (_payload, ctx) => {
        attempts.push(ctx.attempt);
        throw new Error(`boom ${ctx.attempt}`);
      },
    });
    const id = await pushJob('notifications', { type: 'flaky', payload: 'p' }, deps);

    expect(await processOne('notifications', handlers, deps)).toEqual({ status: 'retry', jobId: id, dueAt: clock + 1_000 });
    // Not due yet.
    clock += 999;
    await maintainQueue('notifications', deps);
    expect(await processOne('notifications', handlers, deps)).toEqual({ status: 'idle' });
    clock += 1;
    expect(await maintainQueue('notifications', deps)).toEqual({ reaped: 0, promoted: 1 });
    expect(await processOne('notifications', handlers, deps)).toEqual({ status: 'retry', jobId: id, dueAt: clock + 2_000 });
    clock += 2_000;
    await maintainQueue('notifications', deps);
    expect(await processOne('notifications', handlers, deps)).toEqual({ status: 'dead', jobId: id });
    expect(attempts).toEqual([1, 2, 3]);

    const overview = await readQueue('notifications', deps);
    expect(overview).toMatchObject({ ready: 0, inFlightTotal: 0, delayed: 0, deadTotal: 1, deadMissing: [] });
    expect(overview.dead[0]).toMatchObject({ id, type: 'flaky', attempts: 3, lastError: 'boom 3' });

    // Retry from the dead letters: back in ready with fresh attempts.
    expect(await retryDeadJob('notifications', id, deps)).toBe(true);
    expect(await retryDeadJob('notifications', id, deps)).toBe(false);
    const ok = handlersOf({ flaky: async () => {} });
    expect(await processOne('notifications', ok, deps)).toEqual({ status: 'done', jobId: id });

    // Discard: gone for good.
    const other = await pushJob('notifications', { type: 'flaky', payload: null }, deps);
    for (let i = 0; i < 3; i++) {
      clock += 10_000;
      await maintainQueue('notifications', deps);
      await processOne('notifications', handlers, deps);
    }
    expect(await store.lrange(queueKeys.dead('notifications'), 0, -1)).toEqual([other]);
    expect(await discardDeadJob('notifications', other, deps)).toBe(true);
    expect(await discardDeadJob('notifications', other, deps)).toBe(false);
    expect(await store.exists([queueKeys.job('notifications', other)])).toBe(0);
  });

  it('a job failing because Postgres did not answer is retried at least every 5 s, and dead-lettered for it only 10 minutes after its enqueue', async () => {
    // What a handler's query throws with Postgres stopped: drizzle's error around the driver's.
    const refused = () => new Error('Failed query: update "orders" …', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) });
    let down = true;
    const attempts: number[] = [];
    const handlers = handlersOf({
      step: async (_payload, ctx) => {
        attempts.push(ctx.attempt);
        if (down) throw refused();
      },
    });
    const id = await pushJob('orders', { type: 'step', payload: 'o1' }, deps);
    const dues: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const outcome = await processOne('orders', handlers, deps);
      expect(outcome, `try ${attempt}`).toMatchObject({ status: 'retry', jobId: id });
      const dueAt = (outcome as { dueAt: number }).dueAt;
      dues.push(dueAt - clock);
      clock = dueAt;
      await maintainQueue('orders', deps);
    }
    // maxAttempts is 3 here: tries 3 to 5 failed on the outage, not dead; the backoff stops at OUTAGE_RETRY_MS.
    expect(dues).toEqual([1_000, 2_000, 4_000, OUTAGE_RETRY_MS, OUTAGE_RETRY_MS]);
    down = false;
    expect(await processOne('orders', handlers, deps)).toEqual({ status: 'done', jobId: id });
    expect(attempts).toEqual([1, 2, 3, 4, 5, 6]);

    // An outage that outlasts the patience: dead, as any failing job.
    down = true;
    const late = await pushJob('orders', { type: 'step', payload: 'o2' }, deps);
    for (let attempt = 1; attempt < 3; attempt++) {
      expect(await processOne('orders', handlers, deps)).toMatchObject({ status: 'retry', jobId: late });
      clock += OUTAGE_RETRY_MS;
      await maintainQueue('orders', deps);
    }
    clock += OUTAGE_PATIENCE_MS;
    await maintainQueue('orders', deps);
    expect(await processOne('orders', handlers, deps)).toEqual({ status: 'dead', jobId: late });
    await discardDeadJob('orders', late, deps);
  });

  it('a job without a registered handler fails (and is dead-lettered in the end), never dropped', async () => {
    const id = await pushJob('default', { type: 'unknown-type', payload: null }, deps);
    const outcome = await processOne('default', new Map(), deps);
    expect(outcome).toMatchObject({ status: 'retry', jobId: id });
    expect(await store.zscore(queueKeys.delayed('default'), delayedMember(id, 1))).not.toBeNull();
    await store.zrem(queueKeys.delayed('default'), [delayedMember(id, 1)]);
    await store.del([queueKeys.job('default', id)]);
  });

  it('a retry scheduled between promote’s push and its removal survives: the job is never in no list', async () => {
    const id = await pushJob('default', { type: 'fails-at-once', payload: null }, deps, { delayMs: 1_000 });
    clock += 1_000;
    // Promote pushes the job to ready; before it removes the delayed entry, a worker (as a blocked
    // BLMOVE would, at once) claims the job, which fails and is scheduled for a retry.
    let interleaved = false;
    const racing = new Proxy(store, {
      get(target, property) {
        if (property === 'zrem') {
          return async (key: string, members: readonly string[]) => {
            if (!interleaved && key === queueKeys.delayed('default')) {
              interleaved = true;
              const failing = handlersOf({ 'fails-at-once': async () => Promise.reject(new Error('fails at once')) });
              expect(await processOne('default', failing, deps)).toMatchObject({ status: 'retry', jobId: id });
            }
            return target.zrem(key, members);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    expect(await maintainQueue('default', { ...deps, store: racing })).toMatchObject({ promoted: 1 });
    expect(interleaved).toBe(true);
    const delayed = await store.zrange(queueKeys.delayed('default'), 0, -1);
    expect(delayed.map(({ member }) => jobIdOfDelayedMember(member))).toEqual([id]);
    await store.del([queueKeys.delayed('default'), queueKeys.job('default', id)]);
  });

  it('a maintenance pass whose lock lapsed while it released it leaves the next holder\'s lock alone', async () => {
    const lock = queueKeys.maintenance('default');
    let passed = false;
    // The pass outlived its lock (a stalled process) and gives it back just as another process takes
    // it: the lock changes hands after a GET that still saw ours, or just before a compare-and-delete.
    const lapsing = handingOver(store, lock, {
      armed: () => passed,
      takeOver: () => store.set(lock, 'next holder', { px: 10_000 }),
      overrides: {
        zrange: async (...args) => {
          if (args[0] === queueKeys.delayed('default')) passed = true;
          return store.zrange(...args);
        },
      },
    });
    expect(await maintainQueue('default', { ...deps, store: lapsing })).toEqual({ reaped: 0, promoted: 0 });
    expect(passed).toBe(true);
    expect(await store.get(lock)).toBe('next holder');
    // So the other process still promotes alone: a pass now finds the lock taken and leaves a due job.
    const id = await pushJob('default', { type: 'later', payload: null }, deps, { delayMs: 1_000 });
    clock += 1_000;
    expect(await maintainQueue('default', deps)).toEqual({ reaped: 0, promoted: 0 });
    await store.del([lock, queueKeys.delayed('default'), queueKeys.job('default', id)]);
  });

  it('a delayed job waits in the delayed set, not ready, until maintenance promotes it once due', async () => {
    const id = await pushJob('default', { type: 'later', payload: { n: 1 } }, deps, { delayMs: 5_000 });
    expect(await store.llen(queueKeys.ready('default'))).toBe(0);
    expect(await store.zscore(queueKeys.delayed('default'), delayedMember(id, 0))).toBe(clock + 5_000);
    expect(await claimJob('default', deps)).toBeNull();
    expect(await readQueue('default', deps)).toMatchObject({ ready: 0, delayed: 1 });

    clock += 4_999;
    expect(await maintainQueue('default', deps)).toEqual({ reaped: 0, promoted: 0 });
    expect(await claimJob('default', deps)).toBeNull();
    clock += 1;
    expect(await maintainQueue('default', deps)).toEqual({ reaped: 0, promoted: 1 });
    const seen: unknown[] = [];
    expect(await processOne('default', handlersOf({ later: async (payload) => void seen.push(payload) }), deps)).toEqual({
      status: 'done',
      jobId: id,
    });
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('a delay of 0 makes the job ready at once', async () => {
    const id = await pushJob('default', { type: 'now', payload: null }, deps, { delayMs: 0 });
    expect(await store.zcard(queueKeys.delayed('default'))).toBe(0);
    expect((await claimJob('default', deps))?.id).toBe(id);
    await ackJob('default', id, deps);
  });

  it('refuses a bad delay, queue or type with a clear error, writing nothing', async () => {
    const before = await keysUnder(store, prefix);
    const job = { type: 'x', payload: null };
    for (const delayMs of [-1, Number.NaN, Number.POSITIVE_INFINITY, '10' as unknown as number]) {
      await expect(pushJob('default', job, deps, { delayMs })).rejects.toThrow(/delayMs must be a finite number of milliseconds/);
    }
    await expect(pushJob('nope' as QueueName, job, deps)).rejects.toThrow('unknown queue "nope"');
    await expect(pushJob('default', { type: '', payload: null }, deps)).rejects.toThrow('a job needs a type');
    // The public enqueue checks the same way.
    await expect(enqueue('default', job, { delayMs: -5 })).rejects.toThrow(/delayMs/);
    expect(await keysUnder(store, prefix)).toEqual(before);
  });

  it('enqueue with delayMs schedules the job that far from now', async () => {
    singletons().redis = store;
    try {
      const before = Date.now();
      await enqueue('orders', { type: 'later', payload: 'via enqueue' }, { delayMs: 60_000 });
      const [entry] = await store.zrange(queueKeys.delayed('orders'), 0, -1);
      expect(entry!.score).toBeGreaterThanOrEqual(before + 60_000);
      expect(entry!.score).toBeLessThanOrEqual(Date.now() + 60_000);
      expect(await store.llen(queueKeys.ready('orders'))).toBe(0);
      await store.del([queueKeys.delayed('orders'), queueKeys.job('orders', jobIdOfDelayedMember(entry!.member))]);
    } finally {
      singletons().redis = undefined;
    }
  });

  it('a job delivered twice has one effect', async () => {
    const effects = new Map<string, number>();
    const handlers = handlersOf({
      pay: async (payload) => {
        const key = String(payload);
        effects.set(key, (effects.get(key) ?? 0) + 1);
      },
    });
    const id = await pushJob('orders', { type: 'pay', payload: 'order-1' }, deps);
    // A reaper crashed after RPUSH ready and before LREM processing: the id is in both lists.
    await store.rpush(queueKeys.ready('orders'), [id]);
    expect(await processOne('orders', handlers, deps)).toEqual({ status: 'done', jobId: id });
    // The second copy finds the job acknowledged and is dropped.
    expect(await processOne('orders', handlers, deps)).toEqual({ status: 'idle' });
    expect(effects.get('order-1')).toBe(1);

    // Two jobs with one idempotency key (a retried request enqueuing again): one effect.
    await pushJob('orders', { type: 'pay', payload: 'order-2', idempotencyKey: 'order-2:pay' }, deps);
    await pushJob('orders', { type: 'pay', payload: 'order-2', idempotencyKey: 'order-2:pay' }, deps);
    expect((await processOne('orders', handlers, deps)).status).toBe('done');
    expect((await processOne('orders', handlers, deps)).status).toBe('skipped');
    expect(effects.get('order-2')).toBe(1);

    // Redelivered after its worker died mid-job, before the done marker: the marker is not set,
    // so the handler runs again and its own idempotence (here: the job id as key) holds it to one.
    const byJob = new Set<string>();
    const idempotent = handlersOf({ pay: async (_payload, ctx) => void byJob.add(ctx.jobId) });
    const third = await pushJob('orders', { type: 'pay', payload: 'order-3' }, deps);
    await claimJob('orders', deps);
    byJob.add(third); // the dead worker's effect
    clock += VISIBILITY;
    await maintainQueue('orders', deps);
    expect(await processOne('orders', idempotent, deps)).toEqual({ status: 'done', jobId: third });
    expect([...byJob]).toEqual([third]);
  });
});
