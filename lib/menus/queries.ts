import 'server-only';

import { asc, count, desc, eq } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { cities, menuCategories, menuItems, restaurants } from '@/db/schema';

import type { CityRestaurants, CitySummary, MenuCategoryView, RestaurantMenu, RestaurantSummary } from './types';

/**
 * Postgres reads, the source of truth behind the cache. Each is one SQL statement (one round trip
 * per cache miss) and returns the app's own shapes (lib/menus/types.ts), never table rows, so the
 * cached JSON does not change with the schema.
 */

const restaurantSummaryColumns = {
  slug: restaurants.slug,
  name: restaurants.name,
  cuisines: restaurants.cuisines,
  rating: restaurants.rating,
  deliveryMinutes: restaurants.deliveryMinutes,
  costForTwo: restaurants.costForTwo,
  pureVeg: restaurants.pureVeg,
  isOpen: restaurants.isOpen,
  photoUrl: restaurants.photoUrl,
};

export async function loadCities(db: Database): Promise<CitySummary[]> {
  return db
    .select({ slug: cities.slug, name: cities.name, restaurantCount: count(restaurants.id) })
    .from(cities)
    .leftJoin(restaurants, eq(restaurants.cityId, cities.id))
    .groupBy(cities.id)
    .orderBy(asc(cities.name));
}

/** Every restaurant of the city, closed ones included, in the default order (see compareByRelevance). */
export async function loadCityRestaurants(db: Database, citySlug: string): Promise<CityRestaurants | null> {
  const rows = await db
    .select({
      city: { slug: cities.slug, name: cities.name, state: cities.state },
      restaurant: restaurantSummaryColumns,
    })
    .from(cities)
    .leftJoin(restaurants, eq(restaurants.cityId, cities.id))
    .where(eq(cities.slug, citySlug))
    .orderBy(desc(restaurants.isOpen), desc(restaurants.rating), asc(restaurants.slug));

  const [first] = rows;
  if (!first) return null;
  return {
    city: first.city,
    // A city without restaurants comes back as one row whose restaurant is null.
    restaurants: rows.flatMap((row): RestaurantSummary[] => (row.restaurant ? [row.restaurant] : [])),
  };
}

export async function loadRestaurantMenu(db: Database, restaurantSlug: string): Promise<RestaurantMenu | null> {
  const rows = await db
    .select({
      restaurant: { ...restaurantSummaryColumns, area: restaurants.area },
      city: { slug: cities.slug, name: cities.name },
      category: menuCategories.name,
      item: {
        id: menuItems.id,
        name: menuItems.name,
        description: menuItems.description,
        pricePaise: menuItems.pricePaise,
        veg: menuItems.veg,
        available: menuItems.available,
        bestseller: menuItems.bestseller,
        photoUrl: menuItems.photoUrl,
      },
    })
    .from(restaurants)
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .leftJoin(menuItems, eq(menuItems.restaurantId, restaurants.id))
    .leftJoin(menuCategories, eq(menuCategories.id, menuItems.categoryId))
    .where(eq(restaurants.slug, restaurantSlug))
    .orderBy(asc(menuCategories.position), asc(menuItems.position), asc(menuItems.id));

  const [first] = rows;
  if (!first) return null;

  const categories: MenuCategoryView[] = [];
  for (const { category, item } of rows) {
    // A restaurant without items comes back as one row whose item is null.
    if (!item || category === null) continue;
    const last = categories.at(-1);
    if (last?.name === category) last.items.push(item);
    else categories.push({ name: category, items: [item] });
  }
  return { restaurant: { ...first.restaurant, city: first.city }, categories };
}
