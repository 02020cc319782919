import 'server-only';

import { asc, desc, eq, gt, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { cities, restaurantFavouriteCounts, restaurants } from '@/db/schema';

import type { FavouriteDashboard } from './types';

const TOP = 10;

/**
 * The admin dashboard's favourites tile, from the per-restaurant counts: the total is their sum (one
 * row per restaurant to add, not one per favourite), the top list an index-ordered read.
 */
export async function readFavouriteDashboard(db: Database = getDb()): Promise<FavouriteDashboard> {
  const [[totals], top] = await Promise.all([
    db
      .select({ total: sql<number>`coalesce(sum(${restaurantFavouriteCounts.favourites}), 0)`.mapWith(Number) })
      .from(restaurantFavouriteCounts),
    db
      .select({
        slug: restaurants.slug,
        name: restaurants.name,
        citySlug: cities.slug,
        cityName: cities.name,
        favourites: restaurantFavouriteCounts.favourites,
      })
      .from(restaurantFavouriteCounts)
      .innerJoin(restaurants, eq(restaurants.id, restaurantFavouriteCounts.restaurantId))
      .innerJoin(cities, eq(cities.id, restaurants.cityId))
      .where(gt(restaurantFavouriteCounts.favourites, 0))
      .orderBy(desc(restaurantFavouriteCounts.favourites), asc(restaurants.slug))
      .limit(TOP),
  ]);
  return { total: totals?.total ?? 0, topRestaurants: top };
}
