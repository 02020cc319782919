import { describe, expect, it } from 'vitest';

import { FallbackLimiter, type WindowLimit } from './fallback-limiter';

const sliding: WindowLimit = { algorithm: 'slidingWindow', limit: 3, windowMs: 1_000 };
const fixed: WindowLimit = { algorithm: 'fixedWindow', limit: 3, windowMs: 1_000 };

function clock(start: number) {
  const state = { now: start };
  return { state, now: () => state.now };
}

describe('FallbackLimiter', () => {
  it('sliding window: allows the limit, refuses the rest, and counts subjects apart', () => {
    const { now } = clock(10_000);
    const limiter = new FallbackLimiter({ now });
    const results = Array.from({ length: 5 }, () => limiter.limit('a', sliding));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0, 0]);
    expect(results[0]!.resetMs).toBe(11_000);
    expect(limiter.limit('b', sliding).success).toBe(true);
  });

  it('sliding window: carries the previous window by weight, then forgets it', () => {
    const { state, now } = clock(10_000);
    const limiter = new FallbackLimiter({ now });
    for (let i = 0; i < 3; i++) limiter.limit('a', sliding);
    // 10% into the next window, 90% of the 3 previous requests still count: floor(2.7) = 2.
    state.now = 11_100;
    expect(limiter.limit('a', sliding)).toMatchObject({ success: true, remaining: 0 });
    expect(limiter.limit('a', sliding).success).toBe(false);
    // Two windows later nothing carries over.
    state.now = 13_000;
    expect(limiter.limit('a', sliding)).toMatchObject({ success: true, remaining: 2 });
  });

  it('fixed window: counts refused requests too (as the library does) and resets at the window end', () => {
    const { state, now } = clock(10_000);
    const limiter = new FallbackLimiter({ now });
    const results = Array.from({ length: 4 }, () => limiter.limit('a', fixed));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    state.now = 11_000;
    expect(limiter.limit('a', fixed)).toMatchObject({ success: true, remaining: 2, resetMs: 12_000 });
  });

  it('stays bounded under many subjects, dropping stale ones first', () => {
    const { state, now } = clock(10_000);
    const limiter = new FallbackLimiter({ now, maxSubjects: 100 });
    for (let i = 0; i < 100; i++) limiter.limit(`old-${i}`, sliding);
    state.now = 20_000;
    limiter.limit('new', sliding);
    expect(limiter.size).toBe(1);
    for (let i = 0; i < 500; i++) limiter.limit(`spray-${i}`, sliding);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});
