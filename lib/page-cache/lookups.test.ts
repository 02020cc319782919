import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { parseEnv } from '@/lib/env';
import { createMemoryStore } from '@/lib/redis/memory-store';
import { noteRefusedWrite } from '@/lib/redis/refused-writes';
import type { RedisStore } from '@/lib/redis/types';
import { singletons } from '@/lib/server/singletons';

import { dependenciesOf } from './dependencies';
import { beginLookup, joinsOlderRender, LOOKUP_LIFETIME_MS, MAX_LOOKUPS, RENDER_WAIT_MS } from './lookups';

describe('the record of shared pages\' lookups (the proxy\'s check against renders begun before a save)', () => {
  it('keeps at most MAX_LOOKUPS records, however many made-up addresses start renders that never end', async () => {
    const paths = Array.from({ length: MAX_LOOKUPS + 50 }, (_, index) => `/shared/menu/bengaluru/made-up-${index}`);
    for (const path of paths) beginLookup(path).settle({ values: ['g1'], hit: false });
    // The oldest records went; the newest are still checked.
    expect(await joinsOlderRender(paths[0]!)).toBe(false);
    const newest = beginLookup(paths.at(-1)!);
    newest.settle(null);
    expect(await joinsOlderRender(paths.at(-1)!)).toBe(true);
  });

  it('holds a request that came during a render without Redis until it ends, then sends it to the shared page', async () => {
    const path = '/shared/city/pune';
    const lookup = beginLookup(path);
    lookup.settle(null);
    let answered = false;
    const asked = joinsOlderRender(path).then((perRequest) => ((answered = true), perRequest));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    lookup.end();
    expect(await asked).toBe(false);
  });

  it('renders per request once a render without Redis outlasts the wait, and the next request does not wait again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const path = '/shared/city/kochi';
      beginLookup(path).settle(null);
      let first: boolean | undefined;
      void joinsOlderRender(path).then((perRequest) => (first = perRequest));
      await vi.advanceTimersByTimeAsync(RENDER_WAIT_MS - 1);
      expect(first).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(first).toBe(true);
      // Answered without any timer running: it does not wait for the abandoned render again.
      let again: boolean | undefined;
      void joinsOlderRender(path).then((perRequest) => (again = perRequest));
      await vi.advanceTimersByTimeAsync(0);
      expect(again).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets a HIT go, then sends the request to a lookup of its own', async () => {
    const path = '/shared/city/bengaluru';
    const lookup = beginLookup(path);
    const asked = joinsOlderRender(path);
    lookup.settle({ values: ['g1', '3'], hit: true });
    lookup.end();
    expect(await asked).toBe(false);
    expect(lookup.done).toBe(true);
  });
});

describe('a shared page\'s render that never reaches Next\'s set (it threw)', () => {
  let store: RedisStore;
  beforeEach(() => {
    store = createMemoryStore();
    const shared = singletons();
    shared.env = parseEnv({ NODE_ENV: 'test' });
    shared.redisBreaker = undefined;
    shared.pageLookups = undefined;
    shared.redisWritesInDoubtUntil = undefined;
  });
  afterEach(() => {
    vi.useRealTimers();
    singletons().redisWritesInDoubtUntil = undefined;
    store.close();
  });

  it('stops sending its path per request once a render that long is surely over, after a save', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const path = '/shared/city/bengaluru';
    const { keys } = dependenciesOf({ kind: 'city', city: 'bengaluru' });
    await store.set(keys[0]!, 'g1');
    // A miss whose render then threw: Next drops it without calling set, so nothing ends the record.
    beginLookup(path).settle({ values: ['g1', null], hit: false });
    await store.set(keys[0]!, 'g2'); // an admin's save
    expect(await joinsOlderRender(path, store)).toBe(true);
    // Per request for ever would leave the path out of the page cache and add an MGET to each request.
    vi.setSystemTime(Date.now() + LOOKUP_LIFETIME_MS);
    expect(await joinsOlderRender(path, store)).toBe(false);
  });

  it('the same for one that read nothing from Redis', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const path = '/shared/city/bengaluru';
    beginLookup(path).settle(null);
    const asked = joinsOlderRender(path, store);
    await vi.advanceTimersByTimeAsync(RENDER_WAIT_MS);
    expect(await asked).toBe(true);
    vi.setSystemTime(Date.now() + LOOKUP_LIFETIME_MS);
    expect(await joinsOlderRender(path, store)).toBe(false);
  });

  it('while Redis may be refusing writes, does not trust it to say a render under way is current (decision 049)', async () => {
    const path = '/shared/city/bengaluru';
    const { keys } = dependenciesOf({ kind: 'city', city: 'bengaluru' });
    await store.set(keys[0]!, 'g1');
    // A render begun before an admin's save, whose invalidation Redis refused: g1 is still there.
    const render = beginLookup(path);
    render.settle({ values: ['g1', null], hit: false });
    noteRefusedWrite(); // this process's limiter found out on the next request
    let answered: boolean | undefined;
    const asked = joinsOlderRender(path, store).then((perRequest) => (answered = perRequest));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBeUndefined();
    // Once that render is over, the request starts a lookup of its own (which reads Postgres meanwhile).
    render.end();
    expect(await asked).toBe(false);
  });
});
