import { describe, expect, it } from 'vitest';

import { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import { MAX_EXTENSIONS } from '@/lib/server/deadline';

import { FallbackLimiter } from './fallback-limiter';
import { createRateLimiter } from './limiter';
import type { LimiterPolicy } from './policies';
import type { ScriptRedis } from './tcp-adapter';

const policies = {
  open: { kind: 'limiter', algorithm: 'slidingWindow', limit: 2, windowMs: 60_000, keyPrefix: 'rl:t:open', onRedisFailure: 'fallback' },
  shut: { kind: 'limiter', algorithm: 'slidingWindow', limit: 2, windowMs: 60_000, keyPrefix: 'rl:t:shut', onRedisFailure: 'closed' },
} as const satisfies Record<string, LimiterPolicy>;

/** Speaks the sliding-window script's reply ([remaining, limit]) from a plain counter, or misbehaves. */
function fakeRedis() {
  const counts = new Map<string, number>();
  const state = { mode: 'ok' as 'ok' | 'hang' | 'throw', calls: 0 };
  const run = async (keys: readonly string[], args: readonly unknown[]) => {
    state.calls += 1;
    if (state.mode === 'hang') return new Promise<never>(() => {});
    if (state.mode === 'throw') throw new Error('ECONNREFUSED');
    const limit = Number(args[0]);
    const used = counts.get(keys[0]!) ?? 0;
    if (used >= limit) return [-1, limit];
    counts.set(keys[0]!, used + 1);
    return [limit - used - 1, limit];
  };
  const redis: ScriptRedis = { evalsha: (_sha, keys, args) => run(keys, args), eval: (_script, keys, args) => run(keys, args) };
  return { redis, state };
}

function build(
  redis?: ScriptRedis,
  breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 60_000 }),
  onRefusedWrite?: (timedOut?: Promise<unknown>) => void,
) {
  return createRateLimiter({
    policies,
    redis,
    keyPrefix: (policy) => `t:${policy.keyPrefix}`,
    timeoutMs: 30,
    breaker,
    fallback: new FallbackLimiter(),
    onRefusedWrite,
  });
}

describe('createRateLimiter', () => {
  it('uses Redis when it answers, and the library’s ephemeral cache once a subject is refused', async () => {
    const { redis, state } = fakeRedis();
    const limiter = build(redis);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await limiter.limit('open', '203.0.113.1'));
    expect(results.map((r) => [r.success, r.remaining, r.source])).toEqual([[true, 1, 'redis'], [true, 0, 'redis'], [false, 0, 'redis']]);
    expect(results[0]!.resetMs).toBeGreaterThan(Date.now());
    const calls = state.calls;
    expect((await limiter.limit('open', '203.0.113.1')).success).toBe(false);
    expect(state.calls).toBe(calls);
  });

  it('treats a slow Redis as failed: the fallback policy limits per instance, the closed one refuses', async () => {
    const { redis, state } = fakeRedis();
    state.mode = 'hang';
    const limiter = build(redis);
    const started = performance.now();
    const open = [await limiter.limit('open', 'x'), await limiter.limit('open', 'x'), await limiter.limit('open', 'x')];
    // Three 30 ms timeouts, each extended while a loaded machine starves the process (lib/server/deadline.ts),
    // plus room: a bound on behaviour (the timeout applies; not the library's 5 s, not a hang).
    expect(performance.now() - started).toBeLessThan(3 * (MAX_EXTENSIONS + 1) * 30 + 1_000);
    expect(open.map((r) => [r.success, r.source])).toEqual([[true, 'fallback'], [true, 'fallback'], [false, 'fallback']]);
    const shut = await limiter.limit('shut', 'x');
    expect(shut).toMatchObject({ success: false, source: 'closed' });
    expect(shut.resetMs).toBeGreaterThan(Date.now());
  });

  it('skips Redis once the breaker opens, and goes back after a successful probe', async () => {
    const { redis, state } = fakeRedis();
    let now = 1_000_000;
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 5_000, now: () => now });
    const limiter = build(redis, breaker);
    state.mode = 'throw';
    for (let i = 0; i < 3; i++) await limiter.limit('open', `y${i}`);
    expect(breaker.current).toBe('open');
    const calls = state.calls;
    for (let i = 0; i < 10; i++) expect((await limiter.limit('open', `z${i}`)).source).toBe('fallback');
    expect(state.calls).toBe(calls);

    state.mode = 'ok';
    now += 5_000;
    expect((await limiter.limit('open', 'w')).source).toBe('redis');
    expect(breaker.current).toBe('closed');
  });

  it('reports each limit Redis did not take (failed, or skipped by the breaker), never one it took: a limit is a write', async () => {
    const { redis, state } = fakeRedis();
    const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 60_000 });
    let refused = 0;
    const limiter = build(redis, breaker, () => (refused += 1));
    await limiter.limit('open', 'a');
    expect(refused).toBe(0);
    state.mode = 'throw';
    await limiter.limit('open', 'b');
    await limiter.limit('shut', 'b');
    expect(breaker.current).toBe('open');
    expect(refused).toBe(2);
    await limiter.limit('open', 'c');
    expect(refused).toBe(3);
    // A call that timed out is handed over still under way (Redis may only be slow: state.ts asks).
    const handed: (Promise<unknown> | undefined)[] = [];
    const { redis: slow, state: slowState } = fakeRedis();
    slowState.mode = 'hang';
    const timed = build(slow, undefined, (call) => void handed.push(call));
    await timed.limit('open', 'e');
    expect(handed).toHaveLength(1);
    expect(handed[0]).toBeInstanceOf(Promise);
    slowState.mode = 'throw';
    await timed.limit('open', 'f');
    expect(handed[1]).toBeUndefined();
    // The in-process store has no Redis to refuse anything.
    let memoryRefused = 0;
    await build(undefined, undefined, () => (memoryRefused += 1)).limit('open', 'd');
    expect(memoryRefused).toBe(0);
  });

  it('hands over a limit that timed out while this process was starved too, without holding it against Redis', async () => {
    // Known since decision 049: a starved timeout (decision 020) was answered without asking whether
    // Redis refuses writes, so on a loaded machine a request right after a save under CLIENT PAUSE
    // WRITE could read the entry the save could not invalidate.
    const { redis, state } = fakeRedis();
    state.mode = 'hang';
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 60_000 });
    const handed: (Promise<unknown> | undefined)[] = [];
    const limiter = build(redis, breaker, (call) => void handed.push(call));
    // Neighbours keep the event loop busy: every timer of the deadline fires late.
    const busy = setInterval(() => {
      const end = performance.now() + 40;
      while (performance.now() < end) {
        // Spinning.
      }
    }, 1);
    try {
      expect((await limiter.limit('open', 'starved')).source).toBe('fallback');
    } finally {
      clearInterval(busy);
    }
    expect(handed).toHaveLength(1);
    expect(handed[0]).toBeInstanceOf(Promise);
    expect(breaker.current).toBe('closed');
  });

  it('runs every policy on the in-process limiter when there is no shared store', async () => {
    const limiter = build(undefined);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await limiter.limit('shut', 'm'));
    expect(results.map((r) => [r.success, r.source])).toEqual([[true, 'memory'], [true, 'memory'], [false, 'memory']]);
  });
});
