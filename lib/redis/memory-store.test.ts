import { afterEach, describe, expect, it, vi } from 'vitest';

import { Keyspace } from './memory/keyspace';
import { createMemoryStore, memoryStoreOver } from './memory-store';
import type { RedisStore } from './types';

/**
 * What only the in-process store can show: expiry on a fake clock (no sleeping), memory reclaimed by
 * the sweep, and SCAN's guarantee under heavy churn. Shared Redis semantics live in tests/contract.
 */

function fakeClock(start = 1_000_000) {
  const clock = { now: start, read: () => clock.now };
  return clock;
}

async function scanAll(store: RedisStore, count: number, between: () => Promise<void> = async () => {}) {
  const seen: string[] = [];
  let cursor = '0';
  do {
    const page = await store.scan(cursor, { count });
    seen.push(...page.keys);
    cursor = page.cursor;
    await between();
  } while (cursor !== '0');
  return seen;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('memory store expiry (fake clock)', () => {
  it('keeps a key until its expiry time has passed, then it is gone everywhere', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.read });
    await store.set('a', 'v', { px: 100 });
    await store.rpush('l', ['x']);
    await store.pexpire('l', 100);

    clock.now += 100;
    expect(await store.get('a')).toBe('v');
    expect(await store.pttl('a')).toBe(0);

    clock.now += 1;
    expect(await store.get('a')).toBeNull();
    expect(await store.exists(['a', 'l'])).toBe(0);
    expect(await store.type('l')).toBe('none');
    expect(await store.lrange('l', 0, -1)).toEqual([]);
    expect(await store.scan('0')).toEqual({ cursor: '0', keys: [] });
  });

  it('rounds TTL to the nearest second like Redis', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.read });
    await store.set('a', 'v', { px: 1499 });
    await store.set('b', 'v', { px: 1500 });
    expect(await store.ttl('a')).toBe(1);
    expect(await store.ttl('b')).toBe(2);
  });

  it('moves the absolute expiry with RENAME and keeps it through INCR', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.read });
    await store.set('n', '1', { px: 1000 });
    clock.now += 400;
    await store.incr('n');
    await store.rename('n', 'm');
    expect(await store.pttl('m')).toBe(600);
    clock.now += 601;
    expect(await store.get('m')).toBeNull();
  });

  it('treats a key recreated after expiry as new, without the old TTL', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.read });
    await store.set('a', 'v', { px: 10 });
    clock.now += 11;
    expect(await store.sadd('a', ['m'])).toBe(1);
    expect(await store.pttl('a')).toBe(-1);
  });
});

describe('memory store sweep', () => {
  it('reclaims expired keys nobody reads again', async () => {
    const clock = fakeClock();
    const keyspace = new Keyspace({ now: clock.read, sweepIntervalMs: 0 });
    const store = memoryStoreOver(keyspace);
    for (let i = 0; i < 1000; i++) await store.set(`k${i}`, 'v', { px: 10 });
    await store.set('forever', 'v');
    clock.now += 11;
    expect(keyspace.size).toBe(1001);
    keyspace.sweep(2000);
    expect(keyspace.size).toBe(1);
  });

  it('keeps memory bounded while writes continue, without any timer', async () => {
    const clock = fakeClock();
    const keyspace = new Keyspace({ now: clock.read, sweepIntervalMs: 0 });
    const store = memoryStoreOver(keyspace);
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 500; i++) await store.set(`r${round}:${i}`, 'v', { px: 10 });
      clock.now += 11;
    }
    // 10,000 keys were written; each write examines two volatile keys, so little more than one round remains.
    expect(keyspace.size).toBeLessThan(1500);
  });

  it('sweeps an idle store on an unref()ed timer, started only once a TTL exists', async () => {
    vi.useFakeTimers();
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const clock = fakeClock();
    const keyspace = new Keyspace({ now: clock.read, sweepIntervalMs: 1000 });
    const store = memoryStoreOver(keyspace);

    await store.set('plain', 'v');
    expect(setIntervalSpy).not.toHaveBeenCalled();

    for (let i = 0; i < 100; i++) await store.set(`k${i}`, 'v', { px: 10 });
    expect(setIntervalSpy).toHaveBeenCalledTimes(1);
    const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);

    clock.now += 11;
    expect(keyspace.size).toBe(101);
    vi.advanceTimersByTime(1000);
    expect(keyspace.size).toBe(1);

    await store.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('memory store SCAN', () => {
  it('returns each key exactly once when nothing changes', async () => {
    const store = createMemoryStore();
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
    for (const key of keys) await store.set(key, 'v');
    const seen = await scanAll(store, 7);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen)).toEqual(new Set(keys));
  });

  it('returns every key that lives through the scan under heavy churn, across compactions', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.read });
    const initial = Array.from({ length: 5000 }, (_, i) => `k${i}`);
    for (const key of initial) await store.set(key, 'v');
    // Some keys expire during the scan: they may or may not be returned, like deleted ones.
    for (const key of initial.filter((_, i) => i % 10 === 3)) await store.pexpire(key, 50);

    const touched = new Set<string>();
    const created = new Set<string>();
    let step = 0;
    const churn = async () => {
      step++;
      // Deletes far ahead of and behind the cursor (thousands in all, so the SCAN order compacts),
      // renames some keys and adds new ones.
      for (let j = 0; j < 12; j++) {
        const victim = initial[(step * 97 + j * 389) % initial.length]!;
        touched.add(victim);
        await store.del([victim]);
      }
      const renamed = initial[(step * 31) % initial.length]!;
      if (!touched.has(renamed) && (await store.exists([renamed])) === 1) {
        touched.add(renamed);
        await store.rename(renamed, `${renamed}:renamed`);
        created.add(`${renamed}:renamed`);
      }
      await store.set(`new${step}`, 'v');
      created.add(`new${step}`);
      clock.now += 1;
    };
    const seen = new Set(await scanAll(store, 7, churn));

    const expiring = new Set(initial.filter((_, i) => i % 10 === 3));
    const survivors = initial.filter((key) => !touched.has(key) && !expiring.has(key));
    expect(touched.size).toBeGreaterThan(2000);
    expect(survivors.filter((key) => !seen.has(key))).toEqual([]);
    expect([...seen].filter((key) => !initial.includes(key) && !created.has(key))).toEqual([]);
  });

  it('rejects a malformed cursor and a COUNT below 1', async () => {
    const store = createMemoryStore();
    await expect(store.scan('abc')).rejects.toThrow(/ERR invalid cursor/);
    await expect(store.scan('-1')).rejects.toThrow(/ERR invalid cursor/);
    await expect(store.scan('0', { count: 0 })).rejects.toThrow(/ERR syntax error/);
  });
});

describe('memory store close()', () => {
  it('clears the data and refuses every later command', async () => {
    const store = createMemoryStore();
    await store.set('a', 'v');
    await store.close();
    await expect(store.ping()).rejects.toThrow(/closed/);
    await expect(store.get('a')).rejects.toThrow(/closed/);
    await expect(store.scan('0')).rejects.toThrow(/closed/);
    await expect(store.close()).resolves.toBeUndefined();
  });

  it('leaves other stores alone', async () => {
    const one = createMemoryStore();
    const two = createMemoryStore();
    await one.set('a', '1');
    await two.set('a', '2');
    await one.close();
    expect(await two.get('a')).toBe('2');
  });
});
