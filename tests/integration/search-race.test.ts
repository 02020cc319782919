import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { cities, menuItems, restaurants } from '@/db/schema';
import { invalidate } from '@/lib/cache/invalidate';
import { keys, SEARCH_TTL_MS } from '@/lib/cache/keys';
import { readThrough } from '@/lib/cache/read-through';
import { loadCitySearch } from '@/lib/search/queries';
import { normalizeQuery } from '@/lib/search/query';
import type { SearchResults } from '@/lib/search/types';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { race, servableEntry, type RaceStrategy } from '../support/cache-race';
import { naiveCache } from '../support/naive-cache';

/**
 * Search has the menus' guarantee: once a save has returned, no search that starts afterwards shows
 * an older price, though the results were cached under a key the save never names. Readers use two
 * spellings of the same search (two entries); the writer rotates only the city's search generation,
 * as lib/menus/mutations.ts does after a commit.
 */

const ROUNDS = 80;

for (const pair of await backendPairs()) {
  const { driver } = pair;

  describe.skipIf(!pair.runnable)(pair.title('search cache race'), () => {
    const backends = setUpBackends(pair, { label: 'search-race', env: { REDIS_TIMEOUT_MS: '2000' } });
    let target: { city: string; itemId: number; queries: string[] };

    beforeAll(async () => {
      const [row] = await backends.db.db
        .select({ city: cities.slug, itemId: menuItems.id, name: menuItems.name })
        .from(menuItems)
        .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
        .innerJoin(cities, eq(cities.id, restaurants.cityId))
        .where(eq(menuItems.name, 'Paneer Tikka'))
        .limit(1);
      const queries = [row!.name, 'panner  TIKKA'].map((typed) => {
        const query = normalizeQuery(typed);
        if (!query.ok) throw new Error(query.message);
        return query.query;
      });
      target = { city: row!.city, itemId: row!.itemId, queries };
    });

    const searchTarget = (query: string) => ({
      itemId: target.itemId,
      priceOf: (results: SearchResults | null) => {
        const dish = results?.dishes.find((candidate) => candidate.id === target.itemId);
        if (!dish) throw new Error(`dish ${target.itemId} missing from the results`);
        return dish.pricePaise;
      },
      truth: () => loadCitySearch(backends.db.db, target.city, query),
    });

    it(`never serves a search older than the last save (${ROUNDS} randomized rounds)`, async () => {
      const entries = target.queries.map((query) => keys.citySearchResults(target.city, query));
      const strategy: RaceStrategy<SearchResults> = {
        read: async (afterLoad) => {
          const pick = Math.floor(Math.random() * target.queries.length);
          const load = () => loadCitySearch(backends.db.db, target.city, target.queries[pick]!);
          return (await readThrough({ key: entries[pick]!, ttlMs: SEARCH_TTL_MS, load, afterLoad })).value;
        },
        invalidate: async () => {
          expect((await invalidate([keys.citySearch(target.city)])).ok).toBe(true);
        },
        servable: () => servableEntry(backends.redis, entries[0]!),
      };
      const result = await race(backends.db, strategy, searchTarget(target.queries[0]!), { rounds: ROUNDS, stopAtFirstViolation: false });
      console.info(`[search race] ${driver.name}: ${result.rounds} rounds, up to ${result.maxReaders} readers`);
      expect(result.violations).toEqual([]);
      expect(result.maxReaders).toBeGreaterThanOrEqual(4);
    }, 180_000);

    it('catches the naive refill (test of the test)', async () => {
      const query = target.queries[0]!;
      const naive = naiveCache<SearchResults>(backends.redis, `${backends.prefix}naive:search:${target.city}`, SEARCH_TTL_MS);
      const strategy: RaceStrategy<SearchResults> = {
        read: (afterLoad) => naive.read(() => loadCitySearch(backends.db.db, target.city, query), afterLoad),
        invalidate: () => naive.invalidate(),
        servable: () => naive.cached(),
      };
      const result = await race(backends.db, strategy, searchTarget(query), { rounds: 200, stopAtFirstViolation: true });
      expect(result.violations.length).toBeGreaterThan(0);
    }, 180_000);
  });
}
