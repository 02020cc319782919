import { describe, expect, it } from 'vitest';

import { keys } from '@/lib/cache/keys';
import { getCities, getCityRestaurants, getRestaurantMenu } from '@/lib/menus/cached';
import { compareByRelevance } from '@/lib/menus/listing';
import { loadRestaurantMenu } from '@/lib/menus/queries';
import { processStats } from '@/lib/metrics/process-stats';

import { keysUnder } from '../support/app-context';
import { backendPairs, setUpBackends } from '../support/backend-matrix';

/**
 * The cache-aside path end to end, on every Redis driver: memory with PGlite (what a machine with
 * only Node runs), TCP and Upstash with the real Postgres.
 */
for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('menu cache'), () => {
    const backends = setUpBackends(pair, { label: 'menu-cache' });
    const slugOf = async () => {
      const { value } = await getCityRestaurants('bengaluru');
      return value!.restaurants[0]!.slug;
    };

    it('misses first, stores the answer under its versioned key with a TTL, then hits', async () => {
      const slug = await slugOf();
      const first = await getRestaurantMenu(slug);
      const second = await getRestaurantMenu(slug);

      expect(first.cache.status).toBe('MISS');
      expect(second.cache.status).toBe('HIT');
      expect(second.value).toEqual(first.value);
      expect(first.value).toEqual(await loadRestaurantMenu(backends.db.db, slug));

      const key = keys.restaurantMenu(slug);
      expect(key).toBe(`${backends.prefix}menu:v4:restaurant:{${slug}}`);
      const ttl = await backends.redis.pttl(key);
      expect(ttl).toBeGreaterThan(250_000);
      expect(ttl).toBeLessThanOrEqual(330_000);
    });

    it('answers a hit without touching Postgres', async () => {
      const slug = await slugOf();
      await getRestaurantMenu(slug);
      const before = processStats().dbQueries;
      for (let i = 0; i < 20; i++) expect((await getRestaurantMenu(slug)).cache.status).toBe('HIT');
      expect(processStats().dbQueries).toBe(before);
    });

    it('collapses concurrent misses for one key into one Postgres load', async () => {
      const { value } = await getCityRestaurants('mumbai');
      const slug = value!.restaurants[3]!.slug;
      await backends.redis.del([keys.restaurantMenu(slug)]);

      const before = processStats().dbQueries;
      const results = await Promise.all(Array.from({ length: 25 }, () => getRestaurantMenu(slug)));
      expect(processStats().dbQueries - before).toBe(1);
      expect(results.every((result) => result.value?.restaurant.slug === slug)).toBe(true);
    });

    it('creates no key for an unknown restaurant or city', async () => {
      const menu = await getRestaurantMenu('no-such-restaurant-anywhere');
      const city = await getCityRestaurants('atlantis');
      expect(menu.value).toBeNull();
      expect(city.value).toBeNull();
      const stored = await keysUnder(backends.redis, backends.prefix);
      expect(stored.some((key) => key.includes('no-such-restaurant') || key.includes('atlantis'))).toBe(false);
    });

    it('lists every restaurant of a city, closed ones included, in the default order', async () => {
      const { value } = await getCityRestaurants('delhi');
      const restaurants = value!.restaurants;
      expect(restaurants).toHaveLength(25);
      expect(restaurants.some((restaurant) => !restaurant.isOpen)).toBe(true);
      expect([...restaurants].sort(compareByRelevance)).toEqual(restaurants);
    });

    it('counts restaurants per city in the cities list', async () => {
      const { value } = await getCities();
      expect(value.length).toBeGreaterThanOrEqual(8);
      expect(value.every((city) => city.restaurantCount === 25)).toBe(true);
    });

    it('rejects a malformed slug before any lookup', async () => {
      await expect(getRestaurantMenu('../etc/passwd')).rejects.toThrow();
      await expect(getCityRestaurants('Bengaluru')).rejects.toThrow();
    });
  });
}
