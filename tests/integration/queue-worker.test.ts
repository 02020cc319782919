import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';

import { queueKeys } from '@/lib/queue/keys';
import { parseEnv } from '@/lib/env';
import { drainQueues } from '@/lib/queue/drain';
import { pushJob } from '@/lib/queue/job-store';
import { jobHandlers, registerJobHandler } from '@/lib/queue/registry';
import { runWorker } from '@/lib/queue/worker';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { deleteKeysUnder } from '../support/app-context';
import { describeEachDriver } from '../support/backend-matrix';
import { uniquePrefix } from '../support/services';

/**
 * The long-lived worker (lib/queue/worker.ts) on all three drivers: it waits on each queue with
 * BLMOVE where the store can block (in-process, TCP) and polls over REST (Upstash); maintenance has
 * a timer of its own; aborting stops it at once when idle and after the job in hand when busy.
 */
/** Far longer than any wait below: a job that runs before it passes was not found by polling. */
const LONG_POLL_MS = 8_000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Which of two things happens first, or 'neither' after `ms`. */
async function first<T extends string>(ms: number, ...racers: [T, Promise<unknown>][]): Promise<T | 'neither'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'neither'>((resolve) => {
    timer = setTimeout(() => resolve('neither'), ms);
  });
  try {
    return await Promise.race([timeout, ...racers.map(([name, promise]) => promise.then(() => name))]);
  } finally {
    clearTimeout(timer);
  }
}

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** The store, with a promise that resolves when a claim command (BLMOVE or LMOVE) is first sent. */
function watched(store: RedisStore) {
  const sent = { blmove: deferred(), lmove: deferred(), blmoveCalls: 0 };
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === 'blmove' || property === 'lmove') {
        return (...args: unknown[]) => {
          if (property === 'blmove') sent.blmoveCalls += 1;
          const result = method.apply(target, args);
          sent[property].resolve();
          return result;
        };
      }
      return method.bind(target);
    },
  });
  return { store: proxy, sent };
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await delay(20);
  }
}

await describeEachDriver('queue worker', (driver) => {
  let store: RedisStore;
  let prefix: string;
  const ran: unknown[] = [];
  let onRun: (payload: unknown) => Promise<void> = async () => {};

  beforeAll(async () => {
    store = await driver.create();
    prefix = uniquePrefix(`queue-worker-${driver.name}`);
    singletons().env = parseEnv({ NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix });
    registerJobHandler('worker-test', async (payload) => {
      ran.push(payload);
      await onRun(payload);
    });
  });
  afterEach(async () => {
    ran.length = 0;
    onRun = async () => {};
    await deleteKeysUnder(store, prefix);
  });
  afterAll(async () => {
    jobHandlers().delete('worker-test');
    await store.close();
    await driver.cleanup();
  });

  /**
   * A store of its own for a worker stopped while it waits: a BLMOVE can't be called off, so it
   * waits on in Redis until the store is closed (which ends it), and must not take later tests' jobs.
   */
  async function withOwnStore(test: (own: RedisStore) => Promise<void>): Promise<void> {
    const own = await driver.create();
    try {
      await test(own);
    } finally {
      await own.close();
    }
  }

  it(`${driver.name === 'upstash' ? 'has no BLMOVE over REST' : 'can block (BLMOVE)'}`, () => {
    expect(typeof store.blmove).toBe(driver.name === 'upstash' ? 'undefined' : 'function');
  });

  if (driver.name !== 'upstash') {
    it('a worker waiting on an empty queue runs a job pushed later at once, without polling', () =>
      withOwnStore(async (own) => {
        const { store: spied, sent } = watched(own);
        const done = deferred();
        onRun = async () => done.resolve();
        const controller = new AbortController();
        const worker = runWorker({ signal: controller.signal, pollMs: LONG_POLL_MS, queues: ['default'], deps: { store: spied } });
        try {
          // The claim loop is waiting on the empty queue (had it polled, it would now sleep LONG_POLL_MS).
          expect(await first(5_000, ['waiting', sent.blmove.promise])).toBe('waiting');
          await pushJob('default', { type: 'worker-test', payload: 'pushed later' }, { store: own });
          expect(await first(LONG_POLL_MS / 2, ['ran', done.promise])).toBe('ran');
          expect(ran).toEqual(['pushed later']);
        } finally {
          controller.abort();
          await worker;
        }
      }));
  }

  if (driver.name === 'upstash') {
    it('polls: a job pushed after an empty poll runs at the next one', async () => {
      const { store: spied, sent } = watched(store);
      const done = deferred();
      onRun = async () => done.resolve();
      const controller = new AbortController();
      const worker = runWorker({ signal: controller.signal, pollMs: 100, queues: ['default'], deps: { store: spied } });
      try {
        expect(await first(5_000, ['polled', sent.lmove.promise])).toBe('polled');
        await pushJob('default', { type: 'worker-test', payload: 'polled' }, { store });
        expect(await first(5_000, ['ran', done.promise])).toBe('ran');
        expect(ran).toEqual(['polled']);
      } finally {
        controller.abort();
        await worker;
      }
    });
  }

  it('abort stops an idle worker at once; a job pushed afterwards stays ready and does not run here', () =>
    withOwnStore(async (own) => {
      const { store: spied, sent } = watched(own);
      const controller = new AbortController();
      const worker = runWorker({ signal: controller.signal, pollMs: LONG_POLL_MS, queues: ['default'], deps: { store: spied } });
      expect(await first(5_000, ['claiming', Promise.race([sent.blmove.promise, sent.lmove.promise])])).toBe('claiming');
      controller.abort();
      expect(await first(LONG_POLL_MS / 2, ['stopped', worker])).toBe('stopped');

      // A BLMOVE still waiting in Redis may take it: the stopped worker hands it back unrun.
      const id = await pushJob('default', { type: 'worker-test', payload: 'after stop' }, { store: own });
      const unclaimed = async () =>
        (await own.lrange(queueKeys.ready('default'), 0, -1)).includes(id) && (await own.llen(queueKeys.processing('default'))) === 0;
      await waitFor(unclaimed, 'the job to be ready and unclaimed');
      await delay(200);
      expect(ran).toEqual([]);
      expect(await own.lrange(queueKeys.ready('default'), 0, -1)).toEqual([id]);
      // Where the worker was blocked in BLMOVE, that wait took the job and it was released (the
      // claim counts as a delivery, as a reaped one does); over REST nothing claimed it.
      expect(await own.hget(queueKeys.job('default', id), 'attempts')).toBe(driver.name === 'upstash' ? '0' : '1');
    }));

  it('abort while a job runs: the job finishes and is acknowledged, nothing further is claimed', async () => {
    const running = deferred();
    const release = deferred();
    onRun = async () => {
      running.resolve();
      await release.promise;
    };
    const controller = new AbortController();
    const worker = runWorker({ signal: controller.signal, pollMs: 100, queues: ['default'], deps: { store } });
    const id = await pushJob('default', { type: 'worker-test', payload: 'long' }, { store });
    await running.promise;
    controller.abort();
    const later = await pushJob('default', { type: 'worker-test', payload: 'later' }, { store });
    expect(await first(300, ['stopped', worker])).toBe('neither');
    release.resolve();
    await worker;
    expect(ran).toEqual(['long']);
    expect(await store.exists([queueKeys.job('default', id)])).toBe(0);
    expect(await store.lrange(queueKeys.ready('default'), 0, -1)).toEqual([later]);
  });

  it('each queue has its own claim loop: a long job on one does not hold up another', async () => {
    const notified = deferred();
    onRun = async (payload) => {
      // The orders job finishes only once the notifications job has run beside it.
      if (payload === 'orders') await notified.promise;
      else notified.resolve();
    };
    const controller = new AbortController();
    const worker = runWorker({ signal: controller.signal, pollMs: 100, queues: ['orders', 'notifications'], deps: { store } });
    try {
      await pushJob('orders', { type: 'worker-test', payload: 'orders' }, { store });
      await delay(50);
      await pushJob('notifications', { type: 'worker-test', payload: 'notifications' }, { store });
      expect(await first(5_000, ['both ran', notified.promise])).toBe('both ran');
    } finally {
      notified.resolve();
      controller.abort();
      await worker;
    }
    expect(ran.sort()).toEqual(['notifications', 'orders']);
  });

  it('runs a delayed job once due: its maintenance timer promotes it', async () => {
    const done = deferred();
    let ranAt = 0;
    onRun = async () => {
      ranAt = Date.now();
      done.resolve();
    };
    const controller = new AbortController();
    const worker = runWorker({ signal: controller.signal, pollMs: 50, queues: ['default'], deps: { store } });
    try {
      const enqueuedAt = Date.now();
      await pushJob('default', { type: 'worker-test', payload: 'delayed' }, { store }, { delayMs: 400 });
      expect(await first(5_000, ['ran', done.promise])).toBe('ran');
      expect(ranAt - enqueuedAt).toBeGreaterThanOrEqual(400);
    } finally {
      controller.abort();
      await worker;
    }
  });

  it('drainQueues never waits on a queue: it claims without blocking', async () => {
    const { store: spied, sent } = watched(store);
    await pushJob('default', { type: 'worker-test', payload: 'drained' }, { store });
    const report = await drainQueues({ queues: ['default', 'orders'], deps: { store: spied } });
    expect(report).toMatchObject({ processed: 1, failed: 0 });
    expect(ran).toEqual(['drained']);
    expect(sent.blmoveCalls).toBe(0);
  });
});
