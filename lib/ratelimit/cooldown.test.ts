import { beforeEach, describe, expect, it } from 'vitest';

import { parseEnv } from '@/lib/env';
import { CircuitBreaker } from '@/lib/redis/circuit-breaker';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { createCooldowns, type CooldownSubject } from './cooldown';
import { cooldownPolicies } from './policies';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Redis that applies each command at once but answers `delayMs` late, as a paused or distant one does. */
function answeringLate(store: RedisStore, delayMs: number): RedisStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result: unknown = await Reflect.apply(value, target, args);
        await sleep(delayMs);
        return result;
      };
    },
  });
}

describe('cooldowns through a Redis that answers after the deadline', () => {
  beforeEach(() => {
    singletons().env = parseEnv({ NODE_ENV: 'test' });
  });

  it('a failure taken ahead of a right answer is given back on the shared store too, once its late commands land', async () => {
    const shared = createMemoryStore();
    let slow = true;
    const late = answeringLate(shared, 60);
    const cooldowns = createCooldowns({
      store: () => (slow ? late : shared),
      local: createMemoryStore(),
      // Never opens here: each slow attempt reaches the shared store.
      breaker: new CircuitBreaker({ failureThreshold: 1_000 }),
      timeoutMs: 20,
      policies: cooldownPolicies(parseEnv({ NODE_ENV: 'test' })),
    });
    const subjects: CooldownSubject[] = [{ policy: 'login:account-ip', parts: ['admin@thali.test', '203.0.113.7'] }];

    // Five right passwords through the slow Redis (login:account-ip allows five failures).
    for (let attempt = 0; attempt < 5; attempt++) {
      const spent = await cooldowns.spend(subjects);
      expect(spent.blocked).toBe(false);
      if (!spent.blocked) await spent.giveBack();
    }
    await sleep(300); // the shared store's late commands have all landed

    // Redis is quick again: the admin, who never failed, is not blocked.
    slow = false;
    const next = await cooldowns.spend(subjects);
    expect(next.blocked).toBe(false);
  });

  it('a wrong answer taken through the slow Redis still counts there: another instance sees the block', async () => {
    const shared = createMemoryStore();
    const policies = cooldownPolicies(parseEnv({ NODE_ENV: 'test' }));
    const slowInstance = createCooldowns({
      store: () => answeringLate(shared, 60),
      local: createMemoryStore(),
      breaker: new CircuitBreaker({ failureThreshold: 1_000 }),
      timeoutMs: 20,
      policies,
    });
    const subjects: CooldownSubject[] = [{ policy: 'login:account-ip', parts: ['admin@thali.test', '203.0.113.8'] }];
    for (let attempt = 0; attempt < 5; attempt++) expect((await slowInstance.spend(subjects)).blocked).toBe(false);
    await sleep(300);

    const otherInstance = createCooldowns({ store: () => shared, local: createMemoryStore(), breaker: new CircuitBreaker(), timeoutMs: 1_000, policies });
    expect((await otherInstance.spend(subjects)).blocked).toBe(true);
  });
});

describe('a give-back while the breaker is open', () => {
  beforeEach(() => {
    singletons().env = parseEnv({ NODE_ENV: 'test' });
  });

  it('reaches the shared store its spend landed on: refused checkouts as Redis fails leave the address’s order budget whole (decision 072)', async () => {
    // Fault review "faults", 2026-12-07: checkout spends the address's order budget on the shared store,
    // and a checkout that then fails (its cart read met the fault) gives it back. The breaker it shares
    // with the proxy's limits opens under the fault's other requests, and the give-back was skipped:
    // each such checkout kept one order of the address's day.
    const shared = createMemoryStore();
    const breaker = new CircuitBreaker({ failureThreshold: 3 });
    const policies = cooldownPolicies(parseEnv({ NODE_ENV: 'test', RATE_LIMIT_ORDERS_PER_IP_PER_DAY: '3' }));
    const cooldowns = createCooldowns({ store: () => shared, local: createMemoryStore(), breaker, timeoutMs: 1_000, policies });
    const subjects: CooldownSubject[] = [{ policy: 'orders:ip:day', parts: ['203.0.113.30'] }];

    for (let checkout = 0; checkout < 3; checkout++) {
      const spent = await cooldowns.spend(subjects);
      expect(spent.blocked).toBe(false);
      // The fault: the proxy's limits on other requests fail meanwhile, and the breaker opens.
      for (let failure = 0; failure < 3; failure++) breaker.recordFailure();
      expect(breaker.tryAcquire()).toBe(false);
      if (!spent.blocked) await spent.giveBack();
      breaker.recordSuccess();
    }
    // Redis is back and nothing was ordered: the address still has its three orders.
    const fresh = createCooldowns({ store: () => shared, local: createMemoryStore(), breaker: new CircuitBreaker(), timeoutMs: 1_000, policies });
    for (let order = 0; order < 3; order++) expect((await fresh.spend(subjects)).blocked).toBe(false);
    expect((await fresh.spend(subjects)).blocked).toBe(true);
  });
});
