import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GET } from '@/app/api/cities/[city]/search/route';
import { admins, auditLog, cities, menuItems, restaurants } from '@/db/schema';
import { keys, SEARCH_TTL_MS } from '@/lib/cache/keys';
import { purgeKey } from '@/lib/admin/cache-purge';
import { flushCacheStats, readCacheStats } from '@/lib/cache/stats';
import { updateMenuItem, updateRestaurant, type Actor } from '@/lib/menus/mutations';
import { searchCity } from '@/lib/search/cached';

import { runPageSearch } from '@/lib/search/page';

import { keysUnder } from '../support/app-context';
import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { brokenStore } from '../support/counters';

/**
 * Search through the cache and the JSON API on every Redis driver: one entry per normalized search,
 * one generation per city, saves that change what a search shows seen by the next search, and the
 * API's answers to good, bad and hostile input.
 */

function get(city: string, query?: string): Promise<Response> {
  const url = new URL(`http://127.0.0.1:3000/api/cities/${encodeURIComponent(city)}/search`);
  if (query !== undefined) url.searchParams.set('q', query);
  return GET(new Request(url), { params: Promise.resolve({ city }) });
}

async function found(city: string, query: string) {
  const outcome = await searchCity(city, query);
  if (outcome.status !== 'found') throw new Error(`${outcome.status}: ${'message' in outcome ? outcome.message : ''}`);
  return outcome;
}

for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('search cache and API'), () => {
    const backends = setUpBackends(pair, { label: 'search-cache', env: { REDIS_TIMEOUT_MS: '5000' } });
    let actor: Actor;

    beforeAll(async () => {
      const [admin] = await backends.db.db
        .insert(admins)
        .values({ email: `search-${pair.driver.name}@thali.test`, name: 'Search Test', passwordHash: 'unused' })
        .returning({ id: admins.id });
      actor = { adminId: admin!.id };
    });

    afterAll(async () => {
      await backends.db.db.delete(auditLog).where(eq(auditLog.adminId, actor.adminId));
      await backends.db.db.delete(admins).where(eq(admins.id, actor.adminId));
    });

    it('misses, then hits one entry for every spelling that normalizes alike, beside one generation per city', async () => {
      expect((await found('pune', 'Misal Pav')).cache.status).toBe('MISS');
      expect((await found('pune', '  misal   PAV ')).cache.status).toBe('HIT');
      const stored = (await keysUnder(backends.redis, `${backends.prefix}search:`)).map((key) => key.slice(backends.prefix.length));
      expect(stored).toEqual([expect.stringMatching(/^search:v1:\{pune\}:gen$/), expect.stringMatching(/^search:v1:\{pune\}:q:[A-Za-z0-9_-]{22}$/)].sort());
      const entry = keys.citySearchResults('pune', 'misal pav');
      expect(stored).toContain(entry.slice(backends.prefix.length));
      const ttl = await backends.redis.pttl(entry);
      expect(ttl).toBeGreaterThan(SEARCH_TTL_MS * 0.9);
      expect(ttl).toBeLessThanOrEqual(SEARCH_TTL_MS * 1.1);
      expect(await backends.redis.pttl(keys.citySearch('pune') + ':gen')).toBe(-1);
    });

    it('stores nothing for an unknown city or a refused search, and says why', async () => {
      expect(await searchCity('atlantis', 'biryani')).toEqual({ status: 'not-found', message: 'No city "atlantis"' });
      expect(await searchCity('pune', ' ')).toMatchObject({ status: 'invalid' });
      expect(await searchCity('Pune!', 'biryani')).toMatchObject({ status: 'invalid' });
      expect(await keysUnder(backends.redis, `${backends.prefix}search:v1:{atlantis}`)).toEqual([]);
    });

    it('shows a renamed restaurant and a new price in the very next search of its city', async () => {
      const [dish] = await backends.db.db
        .select({ item: menuItems, restaurant: restaurants.slug, city: cities.slug })
        .from(menuItems)
        .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
        .innerJoin(cities, eq(cities.id, restaurants.cityId))
        .where(eq(menuItems.name, 'Masala Dosa'))
        .limit(1);
      const { item, city } = dish!;
      const before = await found(city, 'masala dosa');
      expect(before.results.dishes.find((hit) => hit.id === item.id)?.pricePaise).toBe(item.pricePaise);
      expect((await found(city, 'masala dosa')).cache.status).toBe('HIT');

      const saved = await updateMenuItem(actor, item.id, {
        version: String(item.version),
        name: item.name,
        description: item.description,
        price: '555',
        categoryId: String(item.categoryId),
        veg: 'on',
        available: 'on',
      });
      expect(saved).toMatchObject({ status: 'saved', invalidation: { ok: true, keys: expect.arrayContaining([keys.citySearch(city)]) } });
      const after = await found(city, 'masala dosa');
      expect(after.cache.status).toBe('MISS');
      expect(after.results.dishes.find((hit) => hit.id === item.id)?.pricePaise).toBe(55_500);

      const [place] = await backends.db.db.select().from(restaurants).where(eq(restaurants.slug, dish!.restaurant));
      const renamed = await updateRestaurant(actor, place!.slug, {
        version: String(place!.version),
        name: 'Zanzibar Dosa Darbar',
        cuisines: place!.cuisines.join(', '),
        ...(place!.isOpen ? { isOpen: 'on' } : {}),
      });
      expect(renamed.status).toBe('saved');
      expect((await found(city, 'zanzibar')).results.restaurants.map((hit) => hit.slug)).toEqual([place!.slug]);
      // Every other search of the city follows the same generation: it misses too.
      expect((await found(city, 'masala dosa')).cache.status).toBe('MISS');
      // Closed, it says when it opens, on the restaurant's hit and on its dishes'.
      const closed = await updateRestaurant(actor, place!.slug, {
        version: String(place!.version + 1),
        name: 'Zanzibar Dosa Darbar',
        cuisines: place!.cuisines.join(', '),
        opensAt: '07:30',
      });
      expect(closed.status).toBe('saved');
      const closedHits = (await found(city, 'zanzibar')).results;
      expect(closedHits.restaurants[0]).toMatchObject({ isOpen: false, opensAt: '07:30' });
      expect((await found(city, 'masala dosa')).results.dishes.find((hit) => hit.id === item.id)?.restaurant).toMatchObject({ isOpen: false, opensAt: '07:30' });
    });

    it('purges one search by rotating its city’s generation, and counts hits and misses as "search"', async () => {
      await found('kolkata', 'rasgulla');
      await found('kolkata', 'kathi roll');
      const purged = await purgeKey(actor, keys.citySearchResults('kolkata', 'rasgulla'));
      expect(purged).toMatchObject({ status: 'purged', total: 1 });
      expect((await found('kolkata', 'kathi roll')).cache.status).toBe('MISS');
      expect((await found('kolkata', 'kathi roll')).cache.status).toBe('HIT');
      await flushCacheStats();
      const stats = (await readCacheStats())!.find((row) => row.namespace === 'search');
      expect(stats!.hits).toBeGreaterThan(0);
      expect(stats!.misses).toBeGreaterThan(0);
    });

    it('searches from Postgres when Redis is down: the city page gets its results, marked degraded', async () => {
      const healthy = await found('delhi', 'panner tikka');
      backends.install(brokenStore());
      try {
        const outcome = await runPageSearch('delhi', 'panner tikka');
        expect(outcome).toMatchObject({ status: 'found', cache: { status: 'MISS', degraded: true } });
        if (outcome.status !== 'found') return;
        expect(outcome.results.dishes.map((dish) => dish.id)).toEqual(healthy.results.dishes.map((dish) => dish.id));
      } finally {
        backends.install();
      }
    });

    it('answers the API with ranked JSON, x-cache and Server-Timing', async () => {
      const first = await get('hyderabad', 'Biriyani');
      expect(first.status).toBe(200);
      expect(first.headers.get('x-cache')).toBe('MISS');
      expect(first.headers.get('server-timing')).toMatch(/^cache;desc="MISS";dur=\d+\.\d\d$/);
      const body = (await first.json()) as { restaurants: { name: string }[]; dishes: { name: string; restaurant: { slug: string; name: string } }[] };
      expect(Object.keys(body)).toEqual(['restaurants', 'dishes']);
      expect(body.restaurants[0]!.name).toMatch(/Biryani/);
      expect(body.dishes[0]).toMatchObject({ name: expect.stringMatching(/Biryani/), restaurant: { slug: expect.any(String), name: expect.any(String) } });
      expect((await get('hyderabad', 'biriyani')).headers.get('x-cache')).toBe('HIT');
    });

    it.each([
      ['no q', undefined, /Type something/],
      ['an empty q', '', /Type something/],
      ['one letter', 'a', /at least 2/],
      ['101 characters', 'b'.repeat(101), /at most 100 characters/],
      ['500 characters', 'paneer '.repeat(72), /at most 100 characters/],
      ['a control character', 'pan\u0000eer', /control characters/],
      ['an ANSI escape', '\u001b[2Jbiryani', /control characters/],
    ])('answers 400 with a message for %s, and stores nothing', async (_label, query, message) => {
      const before = await keysUnder(backends.redis, `${backends.prefix}search:`);
      const response = await get('delhi', query);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.stringMatching(message) });
      expect(await keysUnder(backends.redis, `${backends.prefix}search:`)).toEqual(before);
    });

    it('answers 404 for an unknown city and 400 for a malformed one', async () => {
      const unknown = await get('atlantis', 'biryani');
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: 'No city "atlantis"' });
      const malformed = await get('../etc', 'biryani');
      expect(malformed.status).toBe(400);
    });

    it('answers 200 to hostile text, as text', async () => {
      for (const query of ["' or 1=1; --", '50% off_\\', 'a:* | !b', '<img src=x onerror=alert(1)>', '🍛 biryani 🍛', 'बिरयानी', 'ﬁsh']) {
        const response = await get('delhi', query);
        expect(response.status, query).toBe(200);
        expect(await response.json()).toEqual({ restaurants: expect.any(Array), dishes: expect.any(Array) });
      }
    });
  });
}
