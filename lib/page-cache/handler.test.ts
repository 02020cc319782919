import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { generationKey, keys } from '@/lib/cache/keys';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { favouriteKeys } from '@/lib/favourites/keys';
import { figureKeys } from '@/lib/views/keys';
import { installBackends } from '@/tests/support/app-context';

import { countingStore } from '@/tests/support/counting-store';
import { nextResponseCache } from '@/tests/support/next-response-cache';

import { noteRefusedWrite, WRITES_IN_DOUBT_MS } from '@/lib/redis/refused-writes';
import { singletons } from '@/lib/server/singletons';

import { dependenciesOf, TRENDING_GRACE_MS } from './dependencies';
import { encodeEntry, type RenderedPage } from './entry';
import { getPage, pathOfStorageKey, setPage } from './handler';
import { joinsOlderRender, LOOKUP_LIFETIME_MS } from './lookups';
import { pageCacheKeys } from './keys';
import { keepLocalCopy, localCopy } from './local-copies';
import { abandonRender, markRenderUncacheable } from './pending-renders';

/** Next's storage key for a path (next/dist/server/lib/route-cache-key). */
const storageKey = (path: string) => `/route-cache/APP_PAGE/0f1e2d/$${path}`;
const MENU = '/shared/menu/pune/dosa-corner';
const MENU_GEN = generationKey(keys.restaurantMenu('dosa-corner'));
const CITY = '/shared/city/pune';

function render(html: string, status = 200): RenderedPage {
  return { kind: 'APP_PAGE', html, rscData: Buffer.from(html), headers: {}, postponed: undefined, status, segmentData: undefined };
}

describe('the page cache behind Next', () => {
  let redis: RedisStore;
  beforeEach(async () => {
    redis = createMemoryStore();
    installBackends({ redis, database: {} as DatabaseHandle });
    // A page is rendered from warm entries, whose tokens are in Redis (one begun with none is not kept: below).
    await redis.set(MENU_GEN, 'menu-loaded');
    await redis.set(generationKey(keys.cityRestaurants('pune')), 'city-loaded');
  });
  afterEach(() => {
    vi.useRealTimers();
    return redis.close();
  });

  /** What Next does on a request: ask, and on a miss render and store. */
  async function serve(path: string, html: string): Promise<string> {
    const cached = await getPage(storageKey(path), 'APP_PAGE');
    if (cached) return cached.value.html;
    await setPage(storageKey(path), render(html));
    return html;
  }

  it('stores a render and serves it until something it shows changes', async () => {
    expect(await serve(MENU, 'v1')).toBe('v1');
    expect(await serve(MENU, 'never rendered')).toBe('v1');

    // A save replaces the menu's generation (lib/cache/invalidate.ts).
    await redis.set(generationKey(keys.restaurantMenu('dosa-corner')), 'after-save');
    expect(await serve(MENU, 'v2')).toBe('v2');
    expect(await serve(MENU, 'never rendered')).toBe('v2');
  });

  it('follows every part of the page: the city listing, the favourite count, trending', async () => {
    const changes = [generationKey(keys.cityRestaurants('pune')), generationKey(favouriteKeys.restaurantCount('dosa-corner'))];
    let version = 0;
    await serve(MENU, `v${version}`);
    for (const key of changes) {
      await redis.set(key, `changed-${++version}`);
      expect(await serve(MENU, `v${version}`)).toBe(`v${version}`);
      expect(await serve(MENU, 'never rendered')).toBe(`v${version}`);
    }
    // A counted view moves trending's version; the city page may show trending TRENDING_GRACE_MS old.
    vi.useFakeTimers({ toFake: ['Date'] });
    await serve(CITY, 'city-1');
    await redis.incr(figureKeys.trendingVersion('pune'));
    expect(await serve(CITY, 'city-2')).toBe('city-1');
    vi.setSystemTime(Date.now() + TRENDING_GRACE_MS);
    expect(await serve(CITY, 'city-2')).toBe('city-2');
    expect(await serve(CITY, 'never rendered')).toBe('city-2');
    // A save is never within grace.
    await redis.set(generationKey(keys.cityRestaurants('pune')), 'saved');
    expect(await serve(CITY, 'city-3')).toBe('city-3');
  });

  it('is never changed by a view of the menu: the views figure is each visitor’s own (the beacon)', async () => {
    await serve(MENU, 'menu-1');
    await redis.set(generationKey(figureKeys.viewsWeek('dosa-corner')), 'a-view-was-counted');
    expect(await serve(MENU, 'never rendered')).toBe('menu-1');
  });

  it('never serves a render that raced a save: it is stored with the values read before it began', async () => {
    expect(await getPage(storageKey(MENU), 'APP_PAGE')).toBeNull();
    // The render reads the old menu; the save lands before Next stores the render.
    await redis.set(generationKey(keys.restaurantMenu('dosa-corner')), 'saved-during-render');
    await setPage(storageKey(MENU), render('rendered from the old menu'));
    expect(await redis.get(pageCacheKeys.page(MENU))).not.toBeNull();
    expect(await serve(MENU, 'fresh')).toBe('fresh');
    expect(await serve(MENU, 'never rendered')).toBe('fresh');
  });

  it('keeps no render begun while none of the generations it follows was in Redis: a restart empty would bring it back', async () => {
    // Fault review "faults", 2026-12-07 night: Redis restarted empty (no token at all), an entry loaded
    // and read by the render, a save rotating its token, Redis restarted empty again before the store:
    // the values read when the render began were current again, and the old page was served.
    await redis.del([MENU_GEN, generationKey(keys.cityRestaurants('pune'))]);
    expect(await getPage(storageKey(MENU), 'APP_PAGE')).toBeNull();
    await setPage(storageKey(MENU), render('rendered from an entry a save replaced'));
    expect(await redis.get(pageCacheKeys.page(MENU))).toBeNull();
    // Once the render's reads have claimed tokens, the next render is kept.
    await redis.set(MENU_GEN, 'claimed');
    expect(await serve(MENU, 'v2')).toBe('v2');
    expect(await serve(MENU, 'never rendered')).toBe('v2');
  });

  it('stores nothing it did not see start, nothing left incomplete, and no error or 404 page', async () => {
    await setPage(storageKey(MENU), render('no get before it'));
    expect(await redis.get(pageCacheKeys.page(MENU))).toBeNull();

    await getPage(storageKey(MENU), 'APP_PAGE');
    markRenderUncacheable(MENU);
    await setPage(storageKey(MENU), render('views figure missing'));
    expect(await redis.get(pageCacheKeys.page(MENU))).toBeNull();

    await getPage(storageKey(MENU), 'APP_PAGE');
    await setPage(storageKey(MENU), render('not found', 404));
    expect(await redis.get(pageCacheKeys.page(MENU))).toBeNull();
  });

  it('keeps only the shared pages, with each kind’s lifetime', async () => {
    expect(await getPage(storageKey('/checkout'), 'APP_PAGE')).toBeNull();
    await setPage(storageKey('/checkout'), render('private'));
    expect(await getPage(storageKey(MENU), 'APP_ROUTE')).toBeNull();
    expect(await getPage('some-fetch-key', 'FETCH')).toBeNull();
    expect(await redis.scan('0', { match: '*page:v1:*', count: 100 })).toMatchObject({ keys: [] });

    await serve(MENU, 'menu');
    const ttl = await redis.pttl(pageCacheKeys.page(MENU));
    // The favourite count bounds it (its entry lives a minute).
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('renders per request, storing nothing, while Redis cannot answer', async () => {
    const down: RedisStore = new Proxy(redis, {
      get: (target, name) => (name === 'mget' || name === 'set' ? () => Promise.reject(new Error('connection refused')) : Reflect.get(target, name)),
    });
    installBackends({ redis: down, database: {} as DatabaseHandle });
    expect(await getPage(storageKey(MENU), 'APP_PAGE')).toBeNull();
    await setPage(storageKey(MENU), render('degraded'));
    expect(await redis.get(pageCacheKeys.page(MENU))).toBeNull();
  });

  it('renders per request, storing nothing, for a while after Redis refused a write: a save may not have reached it', async () => {
    // Review finding: a Redis refusing writes kept serving the page a save could not invalidate.
    expect(await serve(MENU, 'v1')).toBe('v1');
    noteRefusedWrite();
    expect(await serve(MENU, 'from Postgres')).toBe('from Postgres');
    expect(await serve(MENU, 'from Postgres again')).toBe('from Postgres again');
    noteRefusedWrite(Date.now() - WRITES_IN_DOUBT_MS);
    expect(await serve(MENU, 'never rendered')).toBe('v1');
  });

  it('answers a warm request from its own copy after one MGET, and reads another instance’s newer page whole', async () => {
    await serve(MENU, 'v1');
    const counting = countingStore(redis);
    installBackends({ redis: counting.store, database: {} as DatabaseHandle });
    // A new process (installBackends starts afresh) has no copy yet: it reads the page once.
    expect(await serve(MENU, 'never rendered')).toBe('v1');
    expect(counting.commands).toEqual(['mget', 'get']);
    counting.reset();
    expect(await serve(MENU, 'never rendered')).toBe('v1');
    expect(counting.commands).toEqual(['mget']);

    // Another instance stores a newer rendering of the same data: this one's copy no longer counts.
    const [, ...dependencies] = await redis.mget([pageCacheKeys.pageId(MENU), ...dependenciesOf({ kind: 'menu', city: 'pune', restaurant: 'dosa-corner' }).keys]);
    await redis.set(pageCacheKeys.page(MENU), encodeEntry({ id: 'other', page: render('v1 from B'), storedAt: Date.now(), dependencies }));
    await redis.set(pageCacheKeys.pageId(MENU), 'other');
    counting.reset();
    expect(await serve(MENU, 'never rendered')).toBe('v1 from B');
    expect(counting.commands).toEqual(['mget', 'get']);
    counting.reset();
    expect(await serve(MENU, 'never rendered')).toBe('v1 from B');
    expect(counting.commands).toEqual(['mget']);
  });

  it('keeps copies within their memory bound, least recently used out first', () => {
    const entry = (id: string) => ({ id, page: render(id), storedAt: 0, dependencies: [] });
    keepLocalCopy('/a', 'a1', entry('a1'), 40, 100);
    keepLocalCopy('/b', 'b1', entry('b1'), 40, 100);
    expect(localCopy('/a', 'a1')?.id).toBe('a1');
    keepLocalCopy('/c', 'c1', entry('c1'), 40, 100);
    expect(localCopy('/b', 'b1')).toBeNull();
    expect(localCopy('/a', 'a1')?.id).toBe('a1');
    expect(localCopy('/a', 'a2')).toBeNull();
    keepLocalCopy('/huge', 'h1', entry('h1'), 101, 100);
    expect(localCopy('/huge', 'h1')).toBeNull();
  });

  it('never stores a render that began before a save under values read after it: 512 made-up addresses meanwhile', async () => {
    await redis.set(MENU_GEN, 'before-save');
    expect(await getPage(storageKey(MENU), 'APP_PAGE')).toBeNull();
    // Made-up menus, each a miss whose render never reaches set(), can't push that render's record out.
    for (let i = 0; i < 512; i++) await getPage(storageKey(`/shared/menu/pune/no-such-${i}`), 'APP_PAGE');
    await redis.set(MENU_GEN, 'after-save');
    expect(await getPage(storageKey(MENU), 'APP_PAGE')).toBeNull();
    await setPage(storageKey(MENU), render('old menu'));
    expect((await getPage(storageKey(MENU), 'APP_PAGE'))?.value.html ?? 'renders again').toBe('renders again');
  });

  it('never stores a render that began before a save under values read after it: a slow render', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await redis.set(MENU_GEN, 'before-save');
    expect(await getPage(storageKey(MENU), 'APP_PAGE')).toBeNull();
    vi.setSystemTime(Date.now() + 10_500);
    await redis.set(MENU_GEN, 'after-save');
    expect(await getPage(storageKey(MENU), 'APP_PAGE')).toBeNull();
    await setPage(storageKey(MENU), render('old menu'));
    expect((await getPage(storageKey(MENU), 'APP_PAGE'))?.value.html ?? 'renders again').toBe('renders again');
  });

  it('a 404 render makes room at once', async () => {
    for (let i = 0; i < 512; i++) {
      const path = `/shared/menu/pune/no-such-${i}`;
      await getPage(storageKey(path), 'APP_PAGE');
      abandonRender(path);
    }
    expect(await serve(MENU, 'v1')).toBe('v1');
    expect(await serve(MENU, 'never rendered')).toBe('v1');
  });

  it('keeps a city page no longer than the hour its render began in', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // 10:59:59.900 IST: the render reads this hour's trending; Next stores it 200 ms later.
    vi.setSystemTime(new Date('2026-12-05T05:29:59.900Z'));
    expect(await getPage(storageKey(CITY), 'APP_PAGE')).toBeNull();
    vi.setSystemTime(new Date('2026-12-05T05:30:00.100Z'));
    await setPage(storageKey(CITY), render('trending of the 10:00 window'));
    expect(await redis.get(pageCacheKeys.page(CITY))).toBeNull();
  });

  it('keeps each build’s pages apart', async () => {
    await serve(MENU, 'old build');
    singletons().pageBuildId = 'next-build';
    expect(await serve(MENU, 'new build')).toBe('new build');
    expect(pageCacheKeys.page(MENU)).toContain(':next-build:');
  });

  it('reads the page path from the end of Next’s storage key only', () => {
    expect(pathOfStorageKey('/route-cache/APP_PAGE/abc/$/shared/city/pune')).toBe('/shared/city/pune');
    expect(pathOfStorageKey('/shared/city/pune')).toBeNull();
  });
  it('does not keep a path per request after a render that threw (Next then never calls set)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { responseCache, incrementalCache } = nextResponseCache(storageKey);
    const failing = responseCache.get(
      MENU,
      async () => {
        throw new Error('Postgres did not answer');
      },
      { incrementalCache: incrementalCache as never, isOnDemandRevalidate: false, isFallback: false, isRoutePPREnabled: false, isPrefetch: false, routeKind: 'APP_PAGE' as never },
    );
    await expect(failing).rejects.toThrow('Postgres did not answer');
    // The render is over, but its lookup was never ended; after a save the proxy would send the path per request.
    await redis.set(MENU_GEN, 'after-save');
    expect(await joinsOlderRender(MENU, redis)).toBe(true);
    vi.setSystemTime(Date.now() + LOOKUP_LIFETIME_MS);
    expect(await joinsOlderRender(MENU, redis)).toBe(false);
  });
});
