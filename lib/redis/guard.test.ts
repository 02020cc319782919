import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { processStats } from '@/lib/metrics/process-stats';
import { parseEnv } from '@/lib/env';
import { singletons } from '@/lib/server/singletons';
import { onAQuietMoment } from '@/tests/support/quiet-moment';

import { guardedRedis, guardedSharedRead } from './guard';
import { createMemoryStore } from './memory-store';
import type { RedisStore } from './types';

/** Keeps the event loop busy for `ms`, as a long render does. */
function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Spinning.
  }
}

/**
 * guardedRedis's timeouts measure Redis, not the event loop: a Redis that never answers opens the
 * breaker after three timeouts; timeouts that expired because the process was starved fail their
 * call but leave the breaker closed.
 */
describe('guardedRedis', () => {
  let store: RedisStore;
  beforeEach(() => {
    store = createMemoryStore();
    const shared = singletons();
    shared.env = parseEnv({ NODE_ENV: 'test', REDIS_TIMEOUT_MS: '20' });
    shared.redisBreaker = undefined;
    shared.processStats = undefined;
  });
  afterEach(() => store.close());

  const hang = () => guardedRedis('get', () => new Promise<never>(() => {}), store);

  it('opens the breaker after three real timeouts', async () => {
    const answers = await onAQuietMoment(
      async () => {
        singletons().redisBreaker = undefined;
        singletons().processStats = undefined;
        return [await hang(), await hang(), await hang(), await hang()];
      },
      () => processStats().redis.starved > 0,
    );
    expect(answers).toEqual([...Array(3).fill({ ok: false, reason: 'failed' }), { ok: false, reason: 'skipped' }]);
    expect(processStats().redis).toMatchObject({ failures: 3, skipped: 1, starved: 0 });
  });

  it('does not count timeouts of a starved process against Redis', async () => {
    const busy = setInterval(() => block(40), 2);
    try {
      for (let i = 0; i < 4; i++) expect(await hang()).toEqual({ ok: false, reason: 'failed' });
    } finally {
      clearInterval(busy);
    }
    expect(processStats().redis).toMatchObject({ failures: 0, skipped: 0, starved: 4 });
    expect(await guardedRedis('get', (redis) => redis.get('k'), store)).toEqual({ ok: true, value: null });
  });
});

describe('guardedSharedRead', () => {
  let store: RedisStore;
  beforeEach(() => {
    store = createMemoryStore();
    const shared = singletons();
    shared.env = parseEnv({ NODE_ENV: 'test', REDIS_TIMEOUT_MS: '100' });
    shared.redisBreaker = undefined;
    shared.processStats = undefined;
  });
  afterEach(() => store.close());

  it('sends a joiner’s own read within the share window while the read out hangs, so it waits one timeout, not two', async () => {
    const run = await onAQuietMoment(
      async () => {
        singletons().processStats = undefined;
        let sent = 0;
        const hang = () => {
          sent += 1;
          return new Promise<never>(() => {});
        };
        const out = guardedSharedRead('get', 'k', hang, store);
        await new Promise((resolve) => setTimeout(resolve, 30));
        const joined = guardedSharedRead('get', 'k', hang, store);
        // Well before the first read's timeout (100 ms), the joiner's own read is out.
        await new Promise((resolve) => setTimeout(resolve, 30));
        const sentInTime = sent;
        return { sentInTime, answers: [await joined, await out], failures: processStats().redis.failures };
      },
      () => processStats().redis.starved > 0,
    );
    expect(run.sentInTime).toBe(2);
    expect(run.answers).toEqual([
      { ok: false, reason: 'failed' },
      { ok: false, reason: 'failed' },
    ]);
    expect(run.failures).toBe(2);
  });

  it('answers every reader from Redis when it answers', async () => {
    await store.set('k', 'v1');
    const reads = await Promise.all([1, 2, 3].map(() => guardedSharedRead('get', 'k', (redis) => redis.get('k'), store)));
    expect(reads).toEqual([1, 2, 3].map(() => ({ ok: true, value: 'v1' })));
  });
});
