import 'server-only';

import { asc, count, desc, eq } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { cities, menuCategories, menuItems, restaurants } from '@/db/schema';

import type { CityRestaurants, CitySummary, RestaurantMenu, RestaurantSummary } from './types';

/**
 * Postgres reads, the source of truth behind the cache. Each returns the app's own shapes
 * (lib/menus/types.ts), never table rows, so the cached JSON does not change with the schema.
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
  const [city] = await db
    .select({ id: cities.id, slug: cities.slug, name: cities.name, state: cities.state })
    .from(cities)
    .where(eq(cities.slug, citySlug));
  if (!city) return null;

  const rows: RestaurantSummary[] = await db
    .select(restaurantSummaryColumns)
    .from(restaurants)
    .where(eq(restaurants.cityId, city.id))
    .orderBy(desc(restaurants.isOpen), desc(restaurants.rating), asc(restaurants.slug));

  return { city: { slug: city.slug, name: city.name, state: city.state }, restaurants: rows };
}

export async function loadRestaurantMenu(db: Database, restaurantSlug: string): Promise<RestaurantMenu | null> {
  const [restaurant] = await db
    .select({
      ...restaurantSummaryColumns,
      id: restaurants.id,
      area: restaurants.area,
      citySlug: cities.slug,
      cityName: cities.name,
    })
    .from(restaurants)
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .where(eq(restaurants.slug, restaurantSlug));
  if (!restaurant) return null;
  const { id, citySlug, cityName, ...summary } = restaurant;

  const items = await db
    .select({
      category: menuCategories.name,
      id: menuItems.id,
      name: menuItems.name,
      description: menuItems.description,
      pricePaise: menuItems.pricePaise,
      veg: menuItems.veg,
      available: menuItems.available,
      bestseller: menuItems.bestseller,
    })
    .from(menuItems)
    .innerJoin(menuCategories, eq(menuCategories.id, menuItems.categoryId))
    .where(eq(menuItems.restaurantId, id))
    .orderBy(asc(menuCategories.position), asc(menuItems.position), asc(menuItems.id));

  return {
    restaurant: { ...summary, city: { slug: citySlug, name: cityName } },
    categories: groupByCategory(items),
  };
}

function groupByCategory<T extends { category: string }>(rows: T[]): { name: string; items: Omit<T, 'category'>[] }[] {
  const groups: { name: string; items: Omit<T, 'category'>[] }[] = [];
  for (const { category, ...item } of rows) {
    const last = groups.at(-1);
    if (last?.name === category) last.items.push(item);
    else groups.push({ name: category, items: [item] });
  }
  return groups;
}
