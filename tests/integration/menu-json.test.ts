import { describe, expect, it } from 'vitest';

import { invalidate } from '@/lib/cache/invalidate';
import { keys } from '@/lib/cache/keys';
import { getCityRestaurants, getRestaurantMenu, getRestaurantMenuJson } from '@/lib/menus/cached';
import { processStats } from '@/lib/metrics/process-stats';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { countingStore } from '../support/counting-store';
import { withCommands } from '../support/store-overrides';

/**
 * The menu API's warm path answers the stored JSON text without parsing it, and keeps every guarantee
 * of the parsed path: the same bytes, one Redis command, no Postgres, and an entry of an old generation
 * (a late refill, or one from before a save) is never served.
 */
for (const pair of await backendPairs()) {
  describe.skipIf(!pair.runnable)(pair.title('menu JSON'), () => {
    const backends = setUpBackends(pair, { label: 'menu-json' });

    it('a HIT is the stored text: what the parsed menu serializes to, in one MGET and no Postgres', async () => {
      const slug = (await getCityRestaurants('pune')).value!.restaurants[3]!.slug;
      const cold = await getRestaurantMenuJson(slug);
      expect(cold.cache.status).toBe('MISS');
      const counting = countingStore(backends.redis);
      backends.install(counting.store);
      const queries = processStats().dbQueries;
      const warm = await getRestaurantMenuJson(slug);
      expect(warm.cache.status).toBe('HIT');
      expect(counting.commands).toEqual(['mget']);
      expect(processStats().dbQueries).toBe(queries);
      expect(warm.value).toBe(cold.value);
      expect(JSON.parse(warm.value!)).toEqual((await getRestaurantMenu(slug)).value);
      backends.install();
    });

    it('after a save the old entry is not served, nor a late refill under the old generation', async () => {
      const slug = (await getCityRestaurants('pune')).value!.restaurants[4]!.slug;
      await getRestaurantMenuJson(slug);
      const key = keys.restaurantMenu(slug);
      const stale = await backends.redis.get(key);
      await invalidate([key]);
      // A reader that loaded before the save stores its entry late, under the old token.
      await backends.redis.set(key, stale!.replace('"Pune"', '"Stale"'));
      const next = await getRestaurantMenuJson(slug);
      expect(next.cache.status).toBe('MISS');
      expect(next.value).not.toContain('"Stale"');
      expect((await getRestaurantMenuJson(slug)).cache.status).toBe('HIT');
    });

    it('requests that arrive while a read is out share the next MGET, which sees a save acknowledged before they asked', async () => {
      const slug = (await getCityRestaurants('pune')).value!.restaurants[5]!.slug;
      await getRestaurantMenuJson(slug);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let mgets = 0;
      backends.install(
        withCommands(backends.redis, {
          mget: async (names) => {
            mgets += 1;
            const values = await backends.redis.mget(names);
            if (mgets === 1) await held;
            return values;
          },
        }),
      );
      const before = getRestaurantMenuJson(slug);
      await invalidate([keys.restaurantMenu(slug)]);
      const after = Promise.all([1, 2, 3].map(() => getRestaurantMenuJson(slug)));
      release();
      await before;
      expect((await after).map((answer) => answer.cache.status)).toEqual(['MISS', 'MISS', 'MISS']);
      // The held read, the one the three shared, and their loader's look after claiming the lease.
      expect(mgets).toBe(3);
      backends.install();
      expect((await getRestaurantMenuJson(slug)).cache.status).toBe('HIT');
    });

    it('an unknown restaurant is null and stores nothing', async () => {
      expect((await getRestaurantMenuJson('no-such-restaurant')).value).toBeNull();
      expect(await backends.redis.get(keys.restaurantMenu('no-such-restaurant'))).toBeNull();
    });
  });
}
