import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FallbackLimiter } from '@/lib/ratelimit/fallback-limiter';
import { createRateLimiter, type LimitResult } from '@/lib/ratelimit/limiter';
import type { LimiterPolicy } from '@/lib/ratelimit/policies';
import type { ScriptRedis } from '@/lib/ratelimit/tcp-adapter';
import { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import { MAX_EXTENSIONS } from '@/lib/server/deadline';

import { limiterClient, type LimiterClient } from '../support/ratelimit';
import { redisServerInstalled, startBlackHole, startOwnRedis, type OwnRedis } from '../support/redis-server';
import { IN_CI } from '../support/services';

/**
 * Redis trouble, for real, on both shared backends: a redis-server of our own that is killed and
 * started again, and a port that accepts connections and never answers. `fallback` policies keep
 * limiting per instance, `closed` ones refuse, and the breaker stops paying the timeout.
 */
const canRun = redisServerInstalled() || IN_CI;
const TIMEOUT_MS = 100;
const BREAKER_COOLDOWN_MS = 1_000;
/**
 * The longest a limit may wait on a Redis that never answers: its timeout, extended while the process
 * is starved (lib/server/deadline.ts), plus room for a loaded machine. A bound on behaviour (not the
 * client's own 5 s, not a hang), not a speed target.
 */
const WAIT_BOUND_MS = (MAX_EXTENSIONS + 1) * TIMEOUT_MS + 1_000;

const policies = {
  open: { kind: 'limiter', algorithm: 'slidingWindow', limit: 3, windowMs: 60_000, keyPrefix: 'rl:down:open', onRedisFailure: 'fallback' },
  shut: { kind: 'limiter', algorithm: 'slidingWindow', limit: 3, windowMs: 60_000, keyPrefix: 'rl:down:shut', onRedisFailure: 'closed' },
} as const satisfies Record<string, LimiterPolicy>;

/** Counts what reaches the client, so "skipped" is observed rather than inferred from timing. */
function counting(redis: ScriptRedis) {
  const seen = { calls: 0 };
  const wrapped: ScriptRedis = {
    evalsha: (...args) => {
      seen.calls += 1;
      return redis.evalsha(...args);
    },
    eval: (...args) => {
      seen.calls += 1;
      return redis.eval(...args);
    },
  };
  return { wrapped, seen };
}

function build(redis: ScriptRedis, timeoutMs = TIMEOUT_MS) {
  const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: BREAKER_COOLDOWN_MS });
  const limiter = createRateLimiter({
    policies,
    redis,
    keyPrefix: (policy) => policy.keyPrefix,
    timeoutMs,
    breaker,
    fallback: new FallbackLimiter(),
  });
  return { limiter, breaker };
}

async function timed(run: () => Promise<LimitResult>): Promise<LimitResult & { ms: number }> {
  const started = performance.now();
  const result = await run();
  return { ...result, ms: performance.now() - started };
}

for (const backend of ['tcp', 'upstash'] as const) {
  describe.skipIf(!canRun)(`rate limits on ${backend} when Redis goes away${canRun ? '' : ' (skipped: no redis-server binary)'}`, () => {
    describe('a redis-server that is killed and started again', () => {
      let own: OwnRedis;
      let client: LimiterClient;

      beforeAll(async () => {
        own = await startOwnRedis();
        client = await limiterClient(backend, own.url);
      });
      afterAll(async () => {
        await client?.close();
        await own?.stop();
      });

      it('limits per instance (fallback) or refuses (closed), skips Redis after three failures, and comes back', async () => {
        // Connect and load the scripts without a deadline first: a cold start under a loaded test run
        // can outlast 100 ms, and this test is about the outage, not the first call.
        const warm = build(client.redis as ScriptRedis, 10_000).limiter;
        expect((await warm.limit('open', '192.0.2.1')).source).toBe('redis');
        expect((await warm.limit('shut', '192.0.2.1')).source).toBe('redis');

        const { wrapped, seen } = counting(client.redis as ScriptRedis);
        const { limiter, breaker } = build(wrapped);
        await expect.poll(async () => (await limiter.limit('open', '192.0.2.1')).source).toBe('redis');

        await own.stop();
        const open = [];
        for (let i = 0; i < 4; i++) open.push(await timed(() => limiter.limit('open', '192.0.2.2')));
        // Never unlimited: the in-process limiter holds the same budget.
        expect(open.map((r) => [r.success, r.source])).toEqual([
          [true, 'fallback'],
          [true, 'fallback'],
          [true, 'fallback'],
          [false, 'fallback'],
        ]);
        expect(open.every((r) => r.ms < WAIT_BOUND_MS)).toBe(true);
        expect(breaker.current).toBe('open');

        // Skipped: the call count shows Redis was not asked (a timing bound here only flaked under load).
        const callsWhenOpen = seen.calls;
        const shut = await timed(() => limiter.limit('shut', '192.0.2.2'));
        expect(shut).toMatchObject({ success: false, source: 'closed' });
        expect(seen.calls).toBe(callsWhenOpen);

        await own.start();
        await new Promise((resolve) => setTimeout(resolve, BREAKER_COOLDOWN_MS));
        await expect.poll(async () => (await limiter.limit('open', '192.0.2.3')).source, { timeout: 10_000, interval: 300 }).toBe('redis');
        expect(breaker.current).toBe('closed');
      });
    });

    describe('a Redis that accepts connections and never answers', () => {
      let hole: { port: number; close(): Promise<void> };
      let client: LimiterClient;

      beforeAll(async () => {
        hole = await startBlackHole();
        const url = backend === 'tcp' ? `redis://127.0.0.1:${hole.port}` : `http://127.0.0.1:${hole.port}`;
        client = await limiterClient(backend, url, { upstashUrl: backend === 'upstash' ? url : undefined });
      });
      afterAll(async () => {
        await client?.close();
        await hole?.close();
      });

      it('waits at most the policy timeout, then the breaker answers at once', async () => {
        const { wrapped, seen } = counting(client.redis as ScriptRedis);
        const { limiter, breaker } = build(wrapped);
        // Three timeouts in a row open the breaker; one that expired while this process was starved
        // (a loaded machine) is not counted against Redis (lib/server/deadline.ts), so it may take more.
        const first = [];
        while (breaker.current !== 'open' && first.length < 12) first.push(await timed(() => limiter.limit('open', '192.0.2.9')));
        expect(first.length).toBeGreaterThanOrEqual(3);
        expect(first.every((r) => r.source === 'fallback')).toBe(true);
        expect(first.every((r) => r.ms < WAIT_BOUND_MS)).toBe(true);
        expect(breaker.current).toBe('open');

        // Skipped: the call count shows Redis was not asked (a timing bound here only flaked under load).
        const calls = seen.calls;
        const skipped = [];
        for (let i = 0; i < 20; i++) skipped.push(await timed(() => limiter.limit('shut', `192.0.2.${10 + i}`)));
        expect(skipped.every((r) => r.source === 'closed' && !r.success)).toBe(true);
        expect(seen.calls).toBe(calls);
      });
    });
  });
}
