import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { cities, menuCategories, menuItems, restaurants } from '@/db/schema';
import { createTestPglite } from '@/tests/support/databases';

import { loadCities, loadCityRestaurants, loadRestaurantMenu } from './queries';

describe('menu queries (PGlite)', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestPglite();
    // Fixture rows of this file's own: an empty city and a restaurant with an empty menu.
    await database.db.insert(cities).values({ slug: 'testpur', name: 'Testpur', state: 'Nowhere' });
    await database.db.insert(restaurants).values({
      cityId: (await cityId('bengaluru'))!,
      slug: 'empty-kitchen-test',
      name: 'Empty Kitchen',
      area: 'Nowhere',
      cuisines: ['Test'],
      rating: 4.1,
      deliveryMinutes: 30,
      costForTwo: 300,
      deliveryFeePaise: 2500,
      packagingFeePaise: 1000,
    });
  });

  afterAll(async () => {
    await database.db.delete(restaurants).where(eq(restaurants.slug, 'empty-kitchen-test'));
    await database.db.delete(cities).where(eq(cities.slug, 'testpur'));
    await database.close();
  });

  async function cityId(slug: string) {
    const [row] = await database.db.select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
    return row?.id;
  }

  it('answers null for what does not exist', async () => {
    expect(await loadCityRestaurants(database.db, 'atlantis')).toBeNull();
    expect(await loadRestaurantMenu(database.db, 'no-such-kitchen')).toBeNull();
  });

  it('returns a city without restaurants with an empty list, and counts it as 0', async () => {
    expect(await loadCityRestaurants(database.db, 'testpur')).toEqual({
      city: { slug: 'testpur', name: 'Testpur', state: 'Nowhere' },
      restaurants: [],
    });
    const listed = (await loadCities(database.db)).find((city) => city.slug === 'testpur');
    expect(listed).toEqual({ slug: 'testpur', name: 'Testpur', restaurantCount: 0 });
  });

  it('returns a restaurant without items with no categories', async () => {
    const menu = await loadRestaurantMenu(database.db, 'empty-kitchen-test');
    expect(menu?.restaurant).toMatchObject({ slug: 'empty-kitchen-test', rating: 4.1, city: { slug: 'bengaluru' } });
    expect(menu?.categories).toEqual([]);
  });

  it("carries the restaurant's fees (docs/api.md), so the menu shows what the bill will charge", async () => {
    const menu = await loadRestaurantMenu(database.db, 'empty-kitchen-test');
    expect(menu?.restaurant).toMatchObject({ deliveryFeePaise: 2500, packagingFeePaise: 1000 });
  });

  it('groups items by category in menu order', async () => {
    const [restaurant] = await database.db
      .select({ id: restaurants.id, slug: restaurants.slug })
      .from(restaurants)
      .where(eq(restaurants.cityId, (await cityId('chennai'))!))
      .limit(1);
    const categoryRows = await database.db
      .select({ name: menuCategories.name, position: menuCategories.position })
      .from(menuCategories)
      .where(eq(menuCategories.restaurantId, restaurant!.id))
      .orderBy(menuCategories.position);
    const itemCount = await database.db.$count(menuItems, eq(menuItems.restaurantId, restaurant!.id));

    const menu = await loadRestaurantMenu(database.db, restaurant!.slug);
    expect(menu!.categories.map((category) => category.name)).toEqual(categoryRows.map((row) => row.name));
    expect(menu!.categories.flatMap((category) => category.items)).toHaveLength(itemCount);
  });
});
