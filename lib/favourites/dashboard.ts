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
    topFavouritesStatement(db),
  ]);
  return { total: totals?.total ?? 0, topRestaurants: top };
}

/**
 * The top list's query (tests EXPLAIN it): the first TOP entries of the (favourites, restaurant) index,
 * ties by restaurant id, a column of that index, so nothing is sorted however many restaurants tie.
 */
export function topFavouritesStatement(db: Database) {
  return db
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
    .orderBy(desc(restaurantFavouriteCounts.favourites), asc(restaurantFavouriteCounts.restaurantId))
    .limit(TOP);
}
