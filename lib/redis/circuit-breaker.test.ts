import { describe, expect, it } from 'vitest';

import { CircuitBreaker } from './circuit-breaker';

function breakerWithClock() {
  let now = 0;
  const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => now });
  return { breaker, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and resets on success', () => {
    const { breaker } = breakerWithClock();
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.current).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('opens after consecutive failures, reporting it once, and skips calls during the cooldown', () => {
    const { breaker, advance } = breakerWithClock();
    expect([breaker.recordFailure(), breaker.recordFailure(), breaker.recordFailure()]).toEqual([
      undefined,
      undefined,
      'opened',
    ]);
    expect(breaker.tryAcquire()).toBe(false);
    advance(999);
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('lets exactly one probe through after the cooldown', () => {
    const { breaker, advance } = breakerWithClock();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    advance(1000);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.current).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('reopens quietly when the probe fails, and closes with "recovered" when it succeeds', () => {
    const { breaker, advance } = breakerWithClock();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    advance(1000);
    breaker.tryAcquire();
    expect(breaker.recordFailure()).toBeUndefined();
    expect(breaker.current).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    advance(1000);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.recordSuccess()).toBe('recovered');
    expect(breaker.current).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('gives back a probe whose call said nothing about Redis (a starved timeout), so the next call probes', () => {
    const { breaker, advance } = breakerWithClock();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    advance(1000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.releaseProbe();
    expect(breaker.current).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
  });
});
