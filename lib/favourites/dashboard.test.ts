import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { restaurantFavouriteCounts, restaurants } from '@/db/schema';
import { createTestPglite } from '@/tests/support/databases';
import { planWithoutSorting } from '@/tests/support/query-plan';

import { readFavouriteDashboard, topFavouritesStatement } from './dashboard';

// Review: the top list ordered by favourites DESC (NULLS FIRST), then by the restaurant's slug, against
// an index of favourites DESC NULLS LAST: every view read every favourited restaurant and sorted them.
describe("the admin dashboard's favourites (PGlite)", () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestPglite();
  });
  afterAll(async () => {
    await database.close();
  });

  it('lists the most favourited first, ties by restaurant, none without a favourite', async () => {
    const ids = (await database.db.select({ id: restaurants.id }).from(restaurants).orderBy(restaurants.id).limit(4)).map((row) => row.id);
    const [first, second, third, fourth] = ids as [number, number, number, number];
    await database.db.insert(restaurantFavouriteCounts).values([
      { restaurantId: fourth, favourites: 3 },
      { restaurantId: second, favourites: 7 },
      { restaurantId: first, favourites: 3 },
      { restaurantId: third, favourites: 0 },
    ]);
    const slugOf = new Map((await database.db.select({ id: restaurants.id, slug: restaurants.slug }).from(restaurants)).map((row) => [row.id, row.slug]));

    const dashboard = await readFavouriteDashboard(database.db);
    expect(dashboard.total).toBe(13);
    expect(dashboard.topRestaurants.map((row) => [row.slug, row.favourites])).toEqual([
      [slugOf.get(second), 7],
      [slugOf.get(first), 3],
      [slugOf.get(fourth), 3],
    ]);
  });

  it('reads only the top of the (favourites, restaurant) index, sorting none (EXPLAIN)', async () => {
    const plan = await planWithoutSorting(database.db, topFavouritesStatement(database.db));
    expect(plan).toContain('restaurant_favourite_counts_top_idx');
    expect(plan).not.toMatch(/\bSort\b/);
  });
});
