import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseEnv } from '@/lib/env';
import { FallbackLimiter } from '@/lib/ratelimit/fallback-limiter';
import { createRateLimiter, type LimitResult } from '@/lib/ratelimit/limiter';
import type { LimiterPolicy } from '@/lib/ratelimit/policies';
import { createRateLimitState } from '@/lib/ratelimit/state';
import { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import { singletons } from '@/lib/server/singletons';

import { alignToWindow, deleteRedisKeys, ensureWindowRoom, limiterClient, runInstance, type LimiterClient } from '../support/ratelimit';
import { IN_CI, missing, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../support/services';

/**
 * @upstash/ratelimit on the three backends: the in-process limiter, TCP Redis through the script
 * adapter, and Upstash through the REST bridge. Windows are short so "resets after its window" is
 * observed, not assumed.
 */
const redisUp = IN_CI || (await redisAvailable());
const redisSkip = redisUp ? '' : ` (skipped: ${missing(`Redis at ${TEST_REDIS_URL}`)})`;
if (!redisUp) console.warn(`[ratelimit] tcp and upstash: ${missing(`Redis at ${TEST_REDIS_URL}`)}`);

const WINDOW_MS = 1_000;
const policies = (prefix: string) =>
  ({
    fixed: { kind: 'limiter', algorithm: 'fixedWindow', limit: 3, windowMs: WINDOW_MS, keyPrefix: `rl:${prefix}fixed`, onRedisFailure: 'fallback' },
    sliding: { kind: 'limiter', algorithm: 'slidingWindow', limit: 3, windowMs: WINDOW_MS, keyPrefix: `rl:${prefix}sliding`, onRedisFailure: 'fallback' },
  }) as const satisfies Record<string, LimiterPolicy>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const summary = (results: LimitResult[]) => results.map((r) => `${r.success ? 'ok' : 'no'}:${r.remaining}:${r.source}`);

const backends = [
  { name: 'memory', available: true, skip: '' },
  { name: 'tcp', available: redisUp, skip: redisSkip },
  { name: 'upstash', available: redisUp, skip: redisSkip },
] as const;

for (const backend of backends) {
  describe.skipIf(!backend.available)(`rate limits on ${backend.name}${backend.skip}`, () => {
    const prefix = uniquePrefix(`rl-${backend.name}`).replaceAll(':', '-');
    let client: LimiterClient | undefined;
    const source = backend.name === 'memory' ? 'memory' : 'redis';

    const limiter = () =>
      createRateLimiter({
        policies: policies(prefix),
        redis: client?.redis,
        keyPrefix: (policy) => policy.keyPrefix,
        // Generous: these tests are about windows, not latency (the timeout has its own tests).
        timeoutMs: 5_000,
        breaker: new CircuitBreaker(),
        fallback: new FallbackLimiter(),
      });

    beforeAll(async () => {
      if (backend.name !== 'memory') client = await limiterClient(backend.name, TEST_REDIS_URL);
    });
    afterAll(async () => {
      await client?.close();
      if (backend.name !== 'memory') await deleteRedisKeys(TEST_REDIS_URL, `rl:${prefix}`);
    });

    it('fixed window: enforces the limit and resets when the window ends', async () => {
      const rl = limiter();
      await alignToWindow(WINDOW_MS);
      const first = [];
      for (let i = 0; i < 4; i++) first.push(await rl.limit('fixed', '198.51.100.1'));
      expect(summary(first)).toEqual([`ok:2:${source}`, `ok:1:${source}`, `ok:0:${source}`, `no:0:${source}`]);
      // Another client is not affected.
      expect((await rl.limit('fixed', '198.51.100.2')).success).toBe(true);

      await sleep(Math.max(0, first[3]!.resetMs - Date.now()) + 20);
      expect(summary([await rl.limit('fixed', '198.51.100.1')])).toEqual([`ok:2:${source}`]);
    });

    it('sliding window: enforces the limit, weighs the last window, and is whole again after two', async () => {
      const rl = limiter();
      await alignToWindow(WINDOW_MS);
      const first = [];
      for (let i = 0; i < 4; i++) first.push(await rl.limit('sliding', '198.51.100.3'));
      expect(summary(first)).toEqual([`ok:2:${source}`, `ok:1:${source}`, `ok:0:${source}`, `no:0:${source}`]);
      expect(first[0]!.resetMs).toBe((Math.floor(Date.now() / WINDOW_MS) + 1) * WINDOW_MS);

      await sleep(2 * WINDOW_MS);
      expect(summary([await rl.limit('sliding', '198.51.100.3')])).toEqual([`ok:2:${source}`]);
    });

    if (backend.name === 'memory') return;

    it('two instances (separate clients and ephemeral caches) share one budget', async () => {
      const long = { ...policies(prefix).sliding, windowMs: 60_000, limit: 10 };
      const make = async () => {
        const own = await limiterClient(backend.name, TEST_REDIS_URL);
        const rl = createRateLimiter({
          policies: { shared: long },
          redis: own.redis,
          keyPrefix: (policy) => policy.keyPrefix,
          timeoutMs: 5_000,
          breaker: new CircuitBreaker(),
          fallback: new FallbackLimiter(),
        });
        return { rl, own };
      };
      const [a, b] = [await make(), await make()];
      // Exact counts need one window: a boundary mid-test would carry part of the old one over.
      await ensureWindowRoom(60_000, 15_000);
      try {
        const results = [];
        for (let i = 0; i < 7; i++) {
          results.push(await a.rl.limit('shared', '198.51.100.9'), await b.rl.limit('shared', '198.51.100.9'));
        }
        expect(results.filter((r) => r.success)).toHaveLength(10);
        expect(results.every((r) => r.source === 'redis')).toBe(true);
      } finally {
        await a.own.close();
        await b.own.close();
      }
    });

    it('a second server process (the production wiring, from its own environment) shares the budget', async () => {
      const keyPrefix = `${prefix}proc:`;
      const env = { ...client!.env, REDIS_KEY_PREFIX: keyPrefix, RATE_LIMIT_API_PER_MINUTE: '10', RATE_LIMIT_TIMEOUT_MS: '5000' };
      await ensureWindowRoom(60_000, 20_000);
      const other = await runInstance(env, 'api', '198.51.100.10', 6);
      expect(other.results.map((r) => [r.success, r.source])).toEqual(Array(6).fill([true, 'redis']));

      const previous = singletons().env;
      singletons().env = parseEnv({ NODE_ENV: 'test', ...env });
      const here = createRateLimitState(singletons().env!);
      try {
        const results = [];
        for (let i = 0; i < 6; i++) results.push(await here.limiter.limit('api', '198.51.100.10'));
        expect(summary(results)).toEqual(['ok:3:redis', 'ok:2:redis', 'ok:1:redis', 'ok:0:redis', 'no:0:redis', 'no:0:redis']);
      } finally {
        await here.close();
        singletons().env = previous;
        await deleteRedisKeys(TEST_REDIS_URL, keyPrefix);
      }
    });
  });
}
