import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { escapeGlob } from '@/lib/redis/glob';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';

import { describeEachDriver } from '../support/backend-matrix';
import { uniquePrefix } from '../support/services';

import { allCases } from './cases';
import { scanCases } from './cases/scan';
import { OPTIONAL_METHODS, caseAppliesTo, optionalMethodsOf } from './cases/optional';

/**
 * The RedisStore contract: the same cases against every driver, so the in-process store, node-redis
 * and Upstash behave alike. Each test gets a fresh store and its own key prefix, and deletes that
 * prefix's keys afterwards through SCAN + DEL (never FLUSHDB: the Redis is shared).
 */

/** Every method a store really has, read off an instance, so a method added without a case fails below. */
function methodNames(store: RedisStore): string[] {
  const names = new Set<string>();
  for (let o: object | null = store; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name !== 'constructor' && typeof Reflect.get(store, name) === 'function') names.add(name);
    }
  }
  return [...names].sort();
}

/** Wraps a store to record which methods a case calls. */
function recording(store: RedisStore): { store: RedisStore; called: Set<string> } {
  const called = new Set<string>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        called.add(property);
        return Reflect.apply(value, target, args);
      };
    },
  });
  return { store: proxy, called };
}

async function deleteKeysUnder(store: RedisStore, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const page = await store.scan(cursor, { match: `${escapeGlob(prefix)}*`, count: 500 });
    if (page.keys.length > 0) await store.del(page.keys);
    cursor = page.cursor;
  } while (cursor !== '0');
}

describe('RedisStore contract coverage', () => {
  it('has a case for every method of the interface', async () => {
    const probe = createMemoryStore();
    // The optional methods are named too, so one the probe lacked would still need its cases.
    const methods = [...new Set([...methodNames(probe), ...Object.keys(OPTIONAL_METHODS)])].sort();
    await probe.close();
    const covered = new Set<string>(allCases.flatMap((contract) => contract.covers));
    expect(methods.filter((method) => !covered.has(method))).toEqual([]);
    expect([...covered].sort()).toEqual(methods);
  });

  it('has uniquely named cases', () => {
    const names = allCases.map((contract) => contract.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('accepts a SCAN that returns a key twice, which Redis allows', async () => {
    const store = createMemoryStore();
    // Every page repeats its keys, as a real SCAN may while the keyspace rehashes.
    const twice = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'scan') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<RedisStore['scan']>) => {
          const page = await target.scan(...args);
          return { ...page, keys: [...page.keys, ...page.keys] };
        };
      },
    });
    try {
      for (const contract of scanCases) {
        const prefix = uniquePrefix('contract-scan-twice');
        await contract.run({ store: twice, another: async () => twice, prefix, k: (name) => prefix + name });
      }
    } finally {
      await store.close();
    }
  });

  it('runs the cases of every optional method on at least one driver', () => {
    for (const [method, drivers] of Object.entries(OPTIONAL_METHODS)) expect({ method, drivers }).not.toEqual({ method, drivers: [] });
  });
});

await describeEachDriver('RedisStore contract', (driver) => {
  // Cleans up after each case even when the case closed its own store. (On memory it sees nothing:
  // each case's store is its own database, emptied by close().)
  let janitor: RedisStore;

  beforeAll(async () => {
    janitor = await driver.create();
  });

  afterAll(async () => {
    await janitor?.close();
    await driver.cleanup();
  });

  const { has, lacks } = optionalMethodsOf(driver.name);
  const optionalTitle = [...has.map((m) => `has ${m}`), ...lacks.map((m) => `lacks ${m}`)].join(', ');
  it(`implements exactly its optional methods: ${optionalTitle}`, async () => {
    const store = await driver.create();
    try {
      const present = (method: string) => typeof Reflect.get(store, method) === 'function';
      expect({ has: has.filter(present), lacks: lacks.filter((method) => !present(method)) }).toEqual({ has, lacks });
    } finally {
      await store.close();
    }
  });

  // A case that covers an optional method this driver lacks does not apply to it (see cases/optional.ts).
  for (const contract of allCases.filter((candidate) => caseAppliesTo(candidate, driver.name))) {
    it(contract.name, async () => {
      const prefix = uniquePrefix(`contract-${driver.name}`);
      const raw = await driver.create();
      const { store, called } = recording(raw);
      const others: RedisStore[] = [];
      // In-process, a store is its own database: the only other way in is the store itself.
      const another = async () => {
        if (driver.name === 'memory') return raw;
        const other = await driver.create();
        others.push(other);
        return other;
      };
      try {
        await contract.run({ store, another, prefix, k: (name) => prefix + name });
        // A case must exercise every method it claims to cover.
        expect(contract.covers.filter((method) => !called.has(method))).toEqual([]);
      } finally {
        await deleteKeysUnder(janitor, prefix);
        // The close() cases have already closed their store; closing again may throw and means nothing.
        await Promise.all([raw, ...others].map((opened) => opened.close().catch(() => {})));
      }
    });
  }
});
