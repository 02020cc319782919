import 'server-only';

import { and, asc, desc, eq, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { cities, favourites, restaurantFavouriteCounts, restaurants } from '@/db/schema';

import type { FavouriteRestaurant } from './types';

/**
 * The source of truth for favourites: the `favourites` rows (one per customer and restaurant) and
 * each restaurant's count beside them (`restaurant_favourite_counts`), kept equal to its rows by a
 * trigger (db/migrations/0005), so a customer's deletion cascading to their rows lowers the counts too.
 */

export interface FavouriteWrite {
  restaurant: { slug: string; citySlug: string };
  /** False when the row was already as asked (a double click, a replay): nothing was written. */
  changed: boolean;
  /** The restaurant's count as this transaction left it. */
  count: number;
}

/**
 * Makes the pair (customer, restaurant) a favourite or not, in one transaction: INSERT … ON CONFLICT DO
 * NOTHING or DELETE, and `changed` says whether a row came back. A concurrent duplicate waits on the
 * row's primary key and then finds nothing to do; the trigger moves the count only for a real row
 * change. Null for an unknown restaurant, with nothing written.
 */
export async function writeFavourite(
  db: Database,
  customerId: number,
  restaurantSlug: string,
  favourite: boolean,
): Promise<FavouriteWrite | null> {
  return db.transaction(async (tx) => {
    const [restaurant] = await tx
      .select({ id: restaurants.id, slug: restaurants.slug, citySlug: cities.slug })
      .from(restaurants)
      .innerJoin(cities, eq(cities.id, restaurants.cityId))
      .where(eq(restaurants.slug, restaurantSlug));
    if (!restaurant) return null;

    const pair = and(eq(favourites.customerId, customerId), eq(favourites.restaurantId, restaurant.id));
    const touched = favourite
      ? await tx
          .insert(favourites)
          .values({ customerId, restaurantId: restaurant.id })
          .onConflictDoNothing()
          .returning({ restaurantId: favourites.restaurantId })
      : await tx.delete(favourites).where(pair).returning({ restaurantId: favourites.restaurantId });
    const count = await countOf(tx, restaurant.id);
    return { restaurant: { slug: restaurant.slug, citySlug: restaurant.citySlug }, changed: touched.length > 0, count };
  });
}

async function countOf(db: Database, restaurantId: number): Promise<number> {
  const [row] = await db
    .select({ favourites: restaurantFavouriteCounts.favourites })
    .from(restaurantFavouriteCounts)
    .where(eq(restaurantFavouriteCounts.restaurantId, restaurantId));
  return row?.favourites ?? 0;
}

/** How many customers favourited a restaurant; null for an unknown slug. */
export async function loadFavouriteCount(db: Database, restaurantSlug: string): Promise<number | null> {
  const [row] = await db
    .select({ favourites: sql<number>`coalesce(${restaurantFavouriteCounts.favourites}, 0)`.mapWith(Number) })
    .from(restaurants)
    .leftJoin(restaurantFavouriteCounts, eq(restaurantFavouriteCounts.restaurantId, restaurants.id))
    .where(eq(restaurants.slug, restaurantSlug));
  return row ? row.favourites : null;
}

/** The slugs of one customer's favourites, sorted (what the Redis cache holds). */
export async function loadFavouriteSlugs(db: Database, customerId: number): Promise<string[]> {
  const rows = await db
    .select({ slug: restaurants.slug })
    .from(favourites)
    .innerJoin(restaurants, eq(restaurants.id, favourites.restaurantId))
    .where(eq(favourites.customerId, customerId))
    .orderBy(asc(restaurants.slug));
  return rows.map((row) => row.slug);
}

/**
 * One customer's favourites with what /account shows of each, most recently saved first. From
 * Postgres: the list needs names and cities, which the cached slugs have not.
 */
export async function listOwnFavourites(customerId: number, limit = 100, db: Database = getDb()): Promise<FavouriteRestaurant[]> {
  const rows = await db
    .select({
      slug: restaurants.slug,
      name: restaurants.name,
      area: restaurants.area,
      citySlug: cities.slug,
      cityName: cities.name,
      savedAt: favourites.createdAt,
    })
    .from(favourites)
    .innerJoin(restaurants, eq(restaurants.id, favourites.restaurantId))
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .where(eq(favourites.customerId, customerId))
    .orderBy(desc(favourites.createdAt), asc(restaurants.slug))
    .limit(limit);
  return rows.map(({ citySlug, cityName, ...row }) => ({ ...row, city: { slug: citySlug, name: cityName } }));
}
