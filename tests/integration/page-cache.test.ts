import { eq } from 'drizzle-orm';
import RenderResult from 'next/dist/server/render-result.js';
import { NextRequest, type NextFetchEvent } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { admins, auditLog, menuItems, restaurants } from '@/db/schema';
import { getCityRestaurants, getRestaurantMenu } from '@/lib/menus/cached';
import { updateMenuItem, updateRestaurant, type Actor } from '@/lib/menus/mutations';
import { processStats } from '@/lib/metrics/process-stats';
import { TRENDING_GRACE_MS } from '@/lib/page-cache/dependencies';
import { getPage, setPage } from '@/lib/page-cache/handler';
import { pageCacheKeys } from '@/lib/page-cache/keys';
import { sharedPathOf } from '@/lib/page-cache/paths';
import { proxy } from '@/proxy';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { recordViews } from '../support/counters';
import { countingStore } from '../support/counting-store';
import { nextResponseCache } from '../support/next-response-cache';
import { itemForm, openRestaurantItem } from '../support/menus';

/**
 * The shared pages' cache on every Redis driver, with the real saves: an admin's save and a city
 * change make the next request render again, whichever instance asks (a counted view, trending's
 * grace later); a warm page
 * costs one Redis command and no Postgres. (lib/page-cache/handler.test.ts has the rules in detail.)
 */
for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('shared page cache'), () => {
    const backends = setUpBackends(pair, { label: 'page-cache', env: { REDIS_TIMEOUT_MS: '5000', OPTIONAL_READ_TIMEOUT_MS: '5000', PAGE_CACHE: 'true' } });
    let actor: Actor;
    let item: typeof menuItems.$inferSelect;
    let slug: string;
    let city: string;

    beforeAll(async () => {
      const [admin] = await backends.db.db
        .insert(admins)
        .values({ email: `page-cache-${pair.driver.name}@thali.test`, name: 'Page Cache Test', passwordHash: 'unused' })
        .returning({ id: admins.id });
      actor = { adminId: admin!.id };
      ({ item, slug, city } = await openRestaurantItem(backends.db.db));
    });

    afterAll(async () => {
      await backends.db.db.delete(auditLog).where(eq(auditLog.adminId, actor.adminId));
      await backends.db.db.delete(admins).where(eq(admins.id, actor.adminId));
    });

    const storageKey = (path: string) => `/route-cache/APP_PAGE/test/$${path}`;
    const priceNow = async () =>
      (await getRestaurantMenu(slug)).value!.categories.flatMap((category) => category.items).find((entry) => entry.id === item.id)!.pricePaise;
    const openNow = async () => (await getCityRestaurants(city)).value!.restaurants.find((entry) => entry.slug === slug)!.isOpen;

    /** One request as Next serves it: the stored page, or a render (of the figure that matters) stored after. */
    async function request(path: string, draw: () => Promise<string>): Promise<{ html: string; cached: boolean }> {
      const cached = await getPage(storageKey(path), 'APP_PAGE');
      if (cached) return { html: cached.value.html, cached: true };
      const html = await draw();
      await setPage(storageKey(path), { kind: 'APP_PAGE', html, rscData: undefined, headers: {}, postponed: undefined, status: 200, segmentData: undefined });
      return { html, cached: false };
    }

    it('shows an admin’s price change on the very next request, and then serves it from the cache', async () => {
      const path = sharedPathOf({ kind: 'menu', city, restaurant: slug });
      const menuPage = () => request(path, async () => `price ${await priceNow()}`);
      // The first render claims the entries' generations (they had none), so the second renders again.
      await menuPage();
      await menuPage();
      expect(await menuPage()).toEqual({ html: `price ${item.pricePaise}`, cached: true });

      const outcome = await updateMenuItem(actor, item.id, { ...itemForm(item), price: '432.50' });
      expect(outcome).toMatchObject({ status: 'saved', invalidation: { ok: true } });
      expect(await menuPage()).toEqual({ html: 'price 43250', cached: false });
      expect(await menuPage()).toEqual({ html: 'price 43250', cached: true });
    });

    it('a counted view leaves the menu page alone and reaches the city page’s trending within its grace', async () => {
      const menuPath = sharedPathOf({ kind: 'menu', city, restaurant: slug });
      const cityPath = sharedPathOf({ kind: 'city', city });
      let renders = 0;
      const draw = async () => `render ${++renders}`;
      // As the city page's render does, first: a page begun with none of its generations is not kept.
      await getCityRestaurants(city);
      await request(menuPath, draw);
      await request(cityPath, draw);
      expect((await request(menuPath, draw)).cached).toBe(true);
      expect((await request(cityPath, draw)).cached).toBe(true);

      await recordViews({ slug, citySlug: city }, 1);
      // The views figure is each visitor's own (the beacon's answer), so the menu page stays.
      expect((await request(menuPath, draw)).cached).toBe(true);
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        expect((await request(cityPath, draw)).cached).toBe(true);
        vi.setSystemTime(Date.now() + TRENDING_GRACE_MS);
        expect((await request(cityPath, draw)).cached).toBe(false);
      } finally {
        vi.useRealTimers();
      }
    });

    it('shows a restaurant closing on the next request of its city page', async () => {
      const cityPath = sharedPathOf({ kind: 'city', city });
      await backends.redis.del([pageCacheKeys.page(cityPath), pageCacheKeys.pageId(cityPath)]);
      const cityPage = () => request(cityPath, async () => `open ${await openNow()}`);
      await cityPage();
      await cityPage();
      expect(await cityPage()).toEqual({ html: 'open true', cached: true });
      const [restaurant] = await backends.db.db.select().from(restaurants).where(eq(restaurants.slug, slug));
      const outcome = await updateRestaurant(actor, slug, { version: restaurant!.version, name: restaurant!.name, cuisines: restaurant!.cuisines.join(', '), isOpen: false });
      expect(outcome).toMatchObject({ status: 'saved' });
      expect(await cityPage()).toEqual({ html: 'open false', cached: false });
    });

    it('never hands a request that came after a save a render of the page begun before it (Next shares a render among the requests that arrive meanwhile)', async () => {
      const path = sharedPathOf({ kind: 'menu', city, restaurant: slug });
      await backends.redis.del([pageCacheKeys.page(path), pageCacheKeys.pageId(path)]);
      // Next's own response cache, as a shared page's route runs it, over this cache handler; the
      // proxy decides whether a request goes to it (rewritten to the shared page) or renders per request.
      const { responseCache, incrementalCache } = nextResponseCache(storageKey);
      const event = { waitUntil: () => {} } as unknown as NextFetchEvent;
      async function serve(draw: () => Promise<string>): Promise<string> {
        const response = await proxy(new NextRequest(`http://localhost/${city}/${slug}`), event);
        const rewrite = response.headers.get('x-middleware-rewrite');
        if (rewrite === null) return draw();
        const entry = await responseCache.get(
          new URL(rewrite).pathname,
          async () =>
            ({
              value: { kind: 'APP_PAGE', html: RenderResult.fromStatic(await draw(), 'text/html' as never), rscData: undefined, headers: {}, postponed: undefined, status: 200, segmentData: undefined },
              cacheControl: { revalidate: false, expire: undefined },
            }) as never,
          { incrementalCache: incrementalCache as never, isOnDemandRevalidate: false, isFallback: false, isRoutePPREnabled: false, isPrefetch: false, routeKind: 'APP_PAGE' as never },
        );
        return (entry as { value: { html: RenderResult } }).value.html.toUnchunkedString();
      }

      const [before] = await backends.db.db.select().from(menuItems).where(eq(menuItems.id, item.id));
      // Warm: a first render claims the entries' generations, which alone would make a render unshareable.
      await priceNow();
      let read!: () => void;
      const priceRead = new Promise<void>((resolve) => (read = resolve));
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      // A render that read the price and is still drawing when the save lands.
      const first = serve(async () => {
        const html = `price ${await priceNow()}`;
        read();
        await finished;
        return html;
      });
      await priceRead;
      const outcome = await updateMenuItem(actor, item.id, { ...itemForm(before!), price: '321.50' });
      expect(outcome).toMatchObject({ status: 'saved', invalidation: { ok: true } });
      const second = serve(async () => `price ${await priceNow()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      finish();
      expect(await first).toBe(`price ${before!.pricePaise}`);
      expect(await second).toBe('price 32150');
      // The next request comes in over the network, a turn of the event loop later.
      await new Promise((resolve) => setImmediate(resolve));
      // With nothing changed since, a request arriving during a render shares it.
      let drawing!: () => void;
      const started = new Promise<void>((resolve) => (drawing = resolve));
      const third = serve(async () => {
        drawing();
        const html = `price ${await priceNow()}`;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return `${html} (shared)`;
      });
      await started;
      expect(await serve(async () => 'a render of its own')).toBe('price 32150 (shared)');
      expect(await third).toBe('price 32150 (shared)');
    });

    it('answers a warm page in one Redis command and no Postgres query', async () => {
      const path = sharedPathOf({ kind: 'menu', city, restaurant: slug });
      await request(path, async () => 'warm');
      await request(path, async () => 'warm');
      const counting = countingStore(backends.redis);
      backends.install(counting.store);
      // A new process (install starts afresh) reads the page whole once, then uses its own copy.
      expect((await request(path, async () => 'never rendered')).cached).toBe(true);
      counting.reset();
      const queries = processStats().dbQueries;
      expect((await request(path, async () => 'never rendered')).cached).toBe(true);
      expect(counting.commands).toEqual(['mget']);
      expect(processStats().dbQueries).toBe(queries);
      backends.install();
    });
  });
}
