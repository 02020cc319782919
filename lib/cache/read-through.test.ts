import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { installBackends } from '@/tests/support/app-context';

import { noteRefusedWrite } from '@/lib/redis/refused-writes';

import { invalidate } from './invalidate';
import { generationKey } from './keys';
import { CACHE_LEASE_MS, CACHE_LEASE_POLL_MS, leaseKey } from './lease';
import { readThrough } from './read-through';
import { readThroughJson } from './read-through-json';

/** Generation rules, on the in-process store (the contract suite holds the other drivers to it). */
describe('readThrough generations', () => {
  let redis: RedisStore;
  const key = 'menu:v1:restaurant:{dosa-corner}';
  const genKey = generationKey(key);

  beforeEach(() => {
    redis = createMemoryStore();
    // No database is touched here: every load is a stub.
    installBackends({ redis, database: {} as DatabaseHandle });
  });
  afterEach(() => redis.close());

  const read = (value: string | null, afterLoad?: () => Promise<void>) =>
    readThrough({ key, ttlMs: 60_000, load: async () => value, afterLoad });

  it('serves an entry only while it carries the current generation', async () => {
    expect((await read('v1')).cache.status).toBe('MISS');
    expect(await read('never loaded')).toMatchObject({ value: 'v1', cache: { status: 'HIT' } });

    await redis.set(genKey, 'someone-else');
    expect(await read('v2')).toMatchObject({ value: 'v2', cache: { status: 'MISS' } });
    expect(await read('never loaded')).toMatchObject({ value: 'v2', cache: { status: 'HIT' } });
  });

  it('never brings an old entry back after its generation key is lost', async () => {
    await read('old');
    const oldToken = await redis.get(genKey);
    await redis.del([genKey]);

    expect(await read('new')).toMatchObject({ value: 'new', cache: { status: 'MISS' } });
    const newToken = await redis.get(genKey);
    expect(newToken).not.toBeNull();
    expect(newToken).not.toBe(oldToken);
  });

  it('does not store what it loaded when a writer set a generation during the load', async () => {
    // No generation yet; the writer's invalidation lands between this reader's load and its write.
    await read('stale', () => invalidate([key]).then(() => undefined));
    expect(await redis.get(key)).toBeNull();
    expect(await read('fresh')).toMatchObject({ value: 'fresh', cache: { status: 'MISS' } });
  });

  it('stores a cold load only while its lease is still its own, and then gives back the token it claimed', async () => {
    // Redis restarted empty during the load (a save's token lost with the lease), or the lease lapsed.
    await read('loaded before a save', () => redis.del([leaseKey(key, null)]).then(() => undefined));
    expect(await redis.mget([genKey, key])).toEqual([null, null]);
    // The next cold load, its lease held throughout, is stored.
    expect(await read('v2')).toMatchObject({ value: 'v2', cache: { status: 'MISS' } });
    expect(await read('never loaded')).toMatchObject({ value: 'v2', cache: { status: 'HIT' } });
  });

  // Review: the lease lapsed during a load slower than CACHE_LEASE_MS, so the load was never stored and
  // every later reader loaded again (Postgres busy, each load slow): the entry stayed uncached for good.
  it('stores a cold load slower than the lease: the holder keeps its lease while it loads', async () => {
    let loads = 0;
    const slow = () =>
      readThrough({
        key,
        ttlMs: 60_000,
        load: async () => {
          loads += 1;
          await new Promise((resolve) => setTimeout(resolve, CACHE_LEASE_MS + 300));
          return 'menu';
        },
      });
    expect(await slow()).toMatchObject({ value: 'menu', cache: { status: 'MISS' } });
    expect(await slow()).toMatchObject({ value: 'menu', cache: { status: 'HIT' } });
    expect(loads).toBe(1);
  }, 10_000);

  it('rotates the generation on invalidation and drops the entry', async () => {
    await read('v1');
    const before = await redis.get(genKey);
    const result = await invalidate([key, key]);
    expect(result).toEqual({ keys: [key], ok: true });
    expect(await redis.get(genKey)).not.toBe(before);
    expect(await redis.exists([key])).toBe(0);
  });

  it('does not let a read that starts after an invalidation join a load from before it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const early = readThrough({ key, ttlMs: 60_000, load: async () => (await gate, 'old') });
    await new Promise((resolve) => setTimeout(resolve, 5));

    await invalidate([key]);
    const late = await read('new');
    release();
    expect(late.value).toBe('new');
    expect((await early).value).toBe('old');
    expect((await read('unused')).value).toBe('new');
  });

  it('while Redis is away, a read never joins a Postgres load that began before it (a save elsewhere may have committed since)', async () => {
    noteRefusedWrite();
    let truth = 'old';
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = async () => {
      loads += 1;
      const seen = truth;
      if (loads === 1) await gate;
      return seen;
    };
    const early = readThrough({ key, ttlMs: 60_000, load });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Another instance's save commits; its invalidation can't reach this process's flights.
    truth = 'new';
    const late = [readThrough({ key, ttlMs: 60_000, load }), readThrough({ key, ttlMs: 60_000, load })];
    release();
    expect((await early).value).toBe('old');
    expect((await Promise.all(late)).map((result) => result.value)).toEqual(['new', 'new']);
    // The late readers still share one load: stampede control holds while Postgres answers for Redis.
    expect(loads).toBe(2);
  });

  it('a reader waiting on another instance\'s lease reads no entry from Redis once it refuses writes (decision 049)', async () => {
    // Another instance holds the load lease of generation g1; this reader polls for what it stores.
    await redis.set(genKey, 'g1');
    await redis.set(leaseKey(key, 'g1'), 'another-instance');
    const waiting = read('fresh');
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Meanwhile a limit or invalidation is refused, and the holder's store of a load from before a
    // save (which Redis took while refusing the save's invalidation) sits under the current token.
    noteRefusedWrite();
    await redis.set(key, JSON.stringify({ generation: 'g1', value: 'stale' }));
    expect(await waiting).toMatchObject({ value: 'fresh', cache: { status: 'MISS' } });
  });

  it('a reader waiting on a lease when a save lands loads under the new generation, not the old one', async () => {
    // Another instance holds the load lease of generation g1; this reader polls for what it stores.
    await redis.set(genKey, 'g1');
    await redis.set(leaseKey(key, 'g1'), 'another-instance');
    const waiting = read('after the save');
    await new Promise((resolve) => setTimeout(resolve, 5));
    // An admin's save rotates the generation; the holder then gives its lease up without storing.
    await invalidate([key]);
    await redis.del([leaseKey(key, 'g1')]);
    expect(await waiting).toMatchObject({ value: 'after the save', cache: { status: 'MISS' } });
    // Stored under g1 it could never be served: every later reader would load it again.
    expect(await read('loaded again')).toMatchObject({ value: 'after the save', cache: { status: 'HIT' } });
  });

  // CI (cache-lease on Upstash): a cold key has no generation until its loader claims one, just before
  // it stores; a waiter that polled between the two took the new token for a save and loaded again.
  it('a reader waiting on a cold key\'s lease does not take its holder\'s new generation for a save', async () => {
    await redis.set(leaseKey(key, null), 'another-instance');
    const waiting = read('loaded again');
    // The holder claims the key's first generation; its entry follows a few polls later.
    await redis.set(genKey, 'g1');
    await new Promise((resolve) => setTimeout(resolve, 5 * CACHE_LEASE_POLL_MS));
    await redis.set(key, JSON.stringify({ generation: 'g1', value: 'the holder\'s load' }));
    expect(await waiting).toMatchObject({ value: 'the holder\'s load', cache: { status: 'HIT' } });
  });

  // CI (cache-lease on Upstash, 2026-12-07): a reader whose read of a cold key answered after another
  // instance had stored it and let its lease go took the free lease for a key nobody had loaded.
  it('a reader whose read answered after the holder stored and let the lease go serves the stored entry, not a second load', async () => {
    await redis.set(leaseKey(key, null), 'another-instance');
    let holderDone!: () => void;
    const done = new Promise<void>((resolve) => (holderDone = resolve));
    // Every MGET reads Redis when it is sent and answers once the holder is done: the first one late.
    const late = new Proxy(redis, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== 'mget' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (keys: readonly string[]) => {
          const answer = await target.mget(keys);
          await done;
          return answer;
        };
      },
    });
    installBackends({ redis: late, database: {} as DatabaseHandle });
    let loads = 0;
    const waiting = readThrough({ key, ttlMs: 60_000, load: async () => ((loads += 1), 'loaded again') });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The holder claims the key's first generation, stores its load and lets the lease go.
    await redis.set(genKey, 'g1');
    await redis.set(key, JSON.stringify({ generation: 'g1', value: "the holder's load" }));
    await redis.del([leaseKey(key, null)]);
    holderDone();
    expect(await waiting).toMatchObject({ value: "the holder's load", cache: { status: 'HIT' } });
    expect(loads).toBe(0);
  });

  it('readThroughJson does not serve a stored value of another shape (isValue), as readThrough does not', async () => {
    await redis.set(genKey, 'g1');
    await redis.set(key, JSON.stringify({ generation: 'g1', value: { dish: 'an older shape' } }));
    const isValue = (value: unknown): value is { name: string } => typeof (value as { name?: unknown } | null)?.name === 'string';
    const result = await readThroughJson({ key, ttlMs: 60_000, load: async () => ({ name: 'dosa' }), isValue });
    expect(result).toMatchObject({ value: '{"name":"dosa"}', cache: { status: 'MISS' } });
  });

  it('creates no keys for something that does not exist', async () => {
    expect((await read(null)).value).toBeNull();
    expect(await redis.exists([key, genKey])).toBe(0);
  });
});
