import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';

import { menuItems, restaurants } from '@/db/schema';
import { invalidate } from '@/lib/cache/invalidate';
import { keys } from '@/lib/cache/keys';
import { readThrough } from '@/lib/cache/read-through';
import { loadRestaurantMenu } from '@/lib/menus/queries';
import type { RestaurantMenu } from '@/lib/menus/types';

import { backendPairs, setUpBackends } from '../support/backend-matrix';
import { race, servableEntry, type RaceStrategy } from '../support/cache-race';
import { naiveCache } from '../support/naive-cache';

/**
 * The admin guarantee: once a save has returned, no read that starts afterwards sees an older menu,
 * and when the writers stop every cached value equals Postgres (harness: tests/support/cache-race.ts).
 * The same harness must catch a naive refill (unconditional SET): that failing variant is kept as a
 * test of the test.
 */

const ROUNDS = 150;
const TTL_MS = 60_000;

function priceOf(menu: RestaurantMenu | null, itemId: number): number {
  const item = menu?.categories.flatMap((category) => category.items).find((candidate) => candidate.id === itemId);
  if (!item) throw new Error(`item ${itemId} missing from the menu`);
  return item.pricePaise;
}

for (const pair of await backendPairs()) {
  const { driver } = pair;

  describe.skipIf(!pair.runnable)(pair.title('cache race'), () => {
    const backends = setUpBackends(pair, { label: 'race', env: { REDIS_TIMEOUT_MS: '2000' } });
    let target: { slug: string; itemId: number };

    beforeAll(async () => {
      const [row] = await backends.db.db
        .select({ slug: restaurants.slug, itemId: menuItems.id })
        .from(menuItems)
        .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
        .limit(1);
      target = row!;
    });

    const menuTarget = () => ({
      itemId: target.itemId,
      priceOf: (menu: RestaurantMenu | null) => priceOf(menu, target.itemId),
      truth: () => loadRestaurantMenu(backends.db.db, target.slug),
    });

    it(`never serves a menu older than the last save (${ROUNDS} randomized rounds)`, async () => {
      const key = keys.restaurantMenu(target.slug);
      const strategy: RaceStrategy<RestaurantMenu> = {
        read: async (afterLoad) =>
          (await readThrough({ key, ttlMs: TTL_MS, load: () => loadRestaurantMenu(backends.db.db, target.slug), afterLoad })).value,
        invalidate: async () => {
          expect((await invalidate([key])).ok).toBe(true);
        },
        servable: () => servableEntry(backends.redis, key),
      };
      const result = await race(backends.db, strategy, menuTarget(), { rounds: ROUNDS, stopAtFirstViolation: false });
      console.info(
        `[race] ${driver.name}: ${result.rounds} rounds, up to ${result.maxReaders} readers and ${result.maxWriters} writers`,
      );
      expect(result.violations).toEqual([]);
      expect(result.maxReaders).toBeGreaterThanOrEqual(4);
    }, 120_000);

    it('catches the naive refill (test of the test)', async () => {
      const naive = naiveCache<RestaurantMenu>(backends.redis, `${backends.prefix}naive:menu:${target.slug}`, TTL_MS);
      const strategy: RaceStrategy<RestaurantMenu> = {
        read: (afterLoad) => naive.read(() => loadRestaurantMenu(backends.db.db, target.slug), afterLoad),
        invalidate: () => naive.invalidate(),
        servable: () => naive.cached(),
      };
      const result = await race(backends.db, strategy, menuTarget(), { rounds: 200, stopAtFirstViolation: true });
      console.info(`[race] naive on ${driver.name}: caught after ${result.rounds} rounds: ${result.violations[0]}`);
      expect(result.violations.length).toBeGreaterThan(0);
    }, 120_000);
  });
}
