import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { generationKey, keys } from '@/lib/cache/keys';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';
import { favouriteKeys } from '@/lib/favourites/keys';
import { figureKeys } from '@/lib/views/keys';
import { installBackends } from '@/tests/support/app-context';

import type { RenderedPage } from './entry';
import { getPage, markRenderUncacheable, pathOfStorageKey, setPage } from './handler';
import { pageCacheKeys } from './keys';

/** Next's storage key for a path (next/dist/server/lib/route-cache-key). */
const storageKey = (path: string) => `/route-cache/APP_PAGE/0f1e2d/$${path}`;
const MENU = '/shared/menu/pune/dosa-corner';
const CITY = '/shared/city/pune';

function render(html: string, status = 200): RenderedPage {
  return { kind: 'APP_PAGE', html, rscData: Buffer.from(html), headers: {}, postponed: undefined, status, segmentData: undefined };
}

describe('the page cache behind Next', () => {
  let redis: RedisStore;
  beforeEach(() => {
    redis = createMemoryStore();
    installBackends({ redis, database: {} as DatabaseHandle });
  });
  afterEach(() => redis.close());

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

  it('follows every part of the page: the city listing, the views figure, the favourite count, trending', async () => {
    const changes = [
      generationKey(keys.cityRestaurants('pune')),
      generationKey(figureKeys.viewsWeek('dosa-corner')),
      generationKey(favouriteKeys.restaurantCount('dosa-corner')),
    ];
    let version = 0;
    await serve(MENU, `v${version}`);
    for (const key of changes) {
      await redis.set(key, `changed-${++version}`);
      expect(await serve(MENU, `v${version}`)).toBe(`v${version}`);
      expect(await serve(MENU, 'never rendered')).toBe(`v${version}`);
    }
    await serve(CITY, 'city-1');
    await redis.incr(figureKeys.trendingVersion('pune'));
    expect(await serve(CITY, 'city-2')).toBe('city-2');
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
    // The views figure bounds it (views:v1:week lives 30 s).
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
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

  it('reads the page path from the end of Next’s storage key only', () => {
    expect(pathOfStorageKey('/route-cache/APP_PAGE/abc/$/shared/city/pune')).toBe('/shared/city/pune');
    expect(pathOfStorageKey('/shared/city/pune')).toBeNull();
  });
});
