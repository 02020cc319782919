import { and, eq, sql } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { restaurantDailyViews, restaurants } from '@/db/schema';
import { recordView } from '@/lib/views/record-view';
import { newVisitorId } from '@/lib/views/visitor';
import type { CityRestaurants } from '@/lib/menus/types';
import type { RedisStore } from '@/lib/redis/types';

/** Helpers shared by the counter suites. */

/** `count` views of one restaurant, each from a new visitor, all counted or the test fails. */
export async function recordViews(
  restaurant: { slug: string; citySlug: string },
  count: number,
  now?: Date,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const visitorId = newVisitorId();
    const outcome = await recordView({ restaurantSlug: restaurant.slug, citySlug: restaurant.citySlug, visitorId, now });
    if (outcome !== 'counted') throw new Error(`view ${i + 1} of ${restaurant.slug} was ${outcome}, not counted`);
  }
}

/** The restaurants of a city as `{ slug, citySlug }`, in listing order. */
export function restaurantsOf(city: CityRestaurants): { slug: string; citySlug: string }[] {
  return city.restaurants.map((restaurant) => ({ slug: restaurant.slug, citySlug: city.city.slug }));
}

/** Durable views straight from the table, per day, for one restaurant. */
export async function durableRows(db: Database, slug: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ day: restaurantDailyViews.day, views: restaurantDailyViews.views })
    .from(restaurantDailyViews)
    .innerJoin(restaurants, eq(restaurants.id, restaurantDailyViews.restaurantId))
    .where(eq(restaurants.slug, slug));
  return Object.fromEntries(rows.map((row) => [row.day, Number(row.views)]));
}

/** Writes durable views for one restaurant and day directly, as past flushes would have. */
export async function addDurableViews(db: Database, slug: string, day: string, views: number): Promise<void> {
  const [restaurant] = await db.select({ id: restaurants.id }).from(restaurants).where(eq(restaurants.slug, slug));
  await db
    .insert(restaurantDailyViews)
    .values({ restaurantId: restaurant!.id, day, views })
    .onConflictDoUpdate({
      target: [restaurantDailyViews.restaurantId, restaurantDailyViews.day],
      set: { views: sql`${restaurantDailyViews.views} + excluded.views` },
    });
}

/** Removes a restaurant's durable rows (tests that reuse a restaurant start from zero). */
export async function clearDurableViews(db: Database, slug: string): Promise<void> {
  const [restaurant] = await db.select({ id: restaurants.id }).from(restaurants).where(eq(restaurants.slug, slug));
  await db.delete(restaurantDailyViews).where(and(eq(restaurantDailyViews.restaurantId, restaurant!.id)));
}

/** A store whose every command fails, as a Redis that refuses connections would. */
export function brokenStore(): RedisStore {
  return new Proxy({} as RedisStore, {
    get(_target, property) {
      if (property === 'backend') return 'tcp';
      if (property === 'then') return undefined;
      return async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:1 (test)');
      };
    },
  });
}
