import 'server-only';

import { and, asc, between, desc, eq, inArray, lt, sql } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { cities, counterFlushes, restaurantDailyViews, restaurants } from '@/db/schema';
import { VIEW_DAY_TTL_MS } from './keys';

import { timePrefix } from './flush-id';

/**
 * The Postgres side of the counters: durable daily totals (restaurant_daily_views) and the ledger of
 * applied flushes (counter_flushes) that makes applying one flush twice impossible.
 */

/** One renamed Redis bucket: `views` counted for `slug` on `day`, identified by its flush id. */
export interface FlushEntry {
  flushId: string;
  slug: string;
  day: string;
  views: number;
}

const viewsSum = sql<number>`coalesce(sum(${restaurantDailyViews.views}), 0)`.mapWith(Number);

/**
 * Applies each entry at most once, in one transaction: only the flush ids this call inserts into the
 * ledger add their views. A rerun, or another instance applying the same flush key, finds the id
 * already there and adds nothing. Rows are written in a fixed order so concurrent flushes cannot
 * deadlock. Views of a restaurant deleted since are dropped (its ledger entry still records them done).
 * Returns the views this call added.
 */
export async function applyFlushes(db: Database, entries: readonly FlushEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const sorted = [...entries].sort((a, b) => (a.flushId < b.flushId ? -1 : a.flushId > b.flushId ? 1 : 0));
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(counterFlushes)
      .values(sorted.map((entry) => ({ id: entry.flushId })))
      .onConflictDoNothing()
      .returning({ id: counterFlushes.id });
    const fresh = new Set(inserted.map((row) => row.id));

    const totals = new Map<string, { slug: string; day: string; views: number }>();
    for (const entry of sorted) {
      if (!fresh.has(entry.flushId) || entry.views <= 0) continue;
      const key = `${entry.slug}\u0000${entry.day}`;
      const total = totals.get(key) ?? { slug: entry.slug, day: entry.day, views: 0 };
      total.views += entry.views;
      totals.set(key, total);
    }
    if (totals.size === 0) return 0;

    const slugs = [...new Set([...totals.values()].map((total) => total.slug))];
    const ids = await tx
      .select({ id: restaurants.id, slug: restaurants.slug })
      .from(restaurants)
      .where(inArray(restaurants.slug, slugs));
    const idBySlug = new Map(ids.map((row) => [row.slug, row.id]));
    const rows = [...totals.values()]
      .flatMap(({ slug, day, views }) => {
        const restaurantId = idBySlug.get(slug);
        return restaurantId === undefined ? [] : [{ restaurantId, day, views }];
      })
      .sort((a, b) => a.restaurantId - b.restaurantId || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    if (rows.length === 0) return 0;
    await tx
      .insert(restaurantDailyViews)
      .values(rows)
      .onConflictDoUpdate({
        target: [restaurantDailyViews.restaurantId, restaurantDailyViews.day],
        set: { views: sql`${restaurantDailyViews.views} + excluded.views` },
      });
    return rows.reduce((sum, row) => sum + row.views, 0);
  });
}

/**
 * The ledger only has to remember a flush while its flush key could still exist; a flush key keeps
 * its bucket's TTL, so after that TTL (and a day's margin) no key can come back to be applied again.
 * Ids start with their time, so this is a range delete on the primary key.
 */
const LEDGER_RETENTION_MS = VIEW_DAY_TTL_MS + 24 * 60 * 60_000;

export async function pruneFlushLedger(db: Database, now: number): Promise<void> {
  await db.delete(counterFlushes).where(lt(counterFlushes.id, timePrefix(now - LEDGER_RETENTION_MS)));
}

/** Which of these flush ids Postgres has already applied. */
export async function appliedFlushIds(db: Database, flushIds: readonly string[]): Promise<Set<string>> {
  if (flushIds.length === 0) return new Set();
  const rows = await db
    .select({ id: counterFlushes.id })
    .from(counterFlushes)
    .where(inArray(counterFlushes.id, [...flushIds]));
  return new Set(rows.map((row) => row.id));
}

/** Durable views of one restaurant per day over a range of days (inclusive); days without views are absent. */
export async function durableViewsByDay(db: Database, slug: string, fromDay: string, toDay: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ day: restaurantDailyViews.day, views: restaurantDailyViews.views })
    .from(restaurantDailyViews)
    .innerJoin(restaurants, eq(restaurants.id, restaurantDailyViews.restaurantId))
    .where(and(eq(restaurants.slug, slug), between(restaurantDailyViews.day, fromDay, toDay)));
  return Object.fromEntries(rows.map((row) => [row.day, row.views]));
}

/** Durable views per restaurant over a range of days (inclusive), restaurants with none left out. */
export async function durableViewsByRestaurant(
  db: Database,
  fromDay: string,
  toDay: string,
): Promise<Map<string, number>> {
  const rows = await db
    .select({ slug: restaurants.slug, views: viewsSum })
    .from(restaurantDailyViews)
    .innerJoin(restaurants, eq(restaurants.id, restaurantDailyViews.restaurantId))
    .where(between(restaurantDailyViews.day, fromDay, toDay))
    .groupBy(restaurants.slug)
    .orderBy(desc(viewsSum), asc(restaurants.slug));
  return new Map(rows.map((row) => [row.slug, row.views]));
}

/** Names and cities of restaurants, for labelling counts keyed by slug. */
export async function restaurantLabels(
  db: Database,
  slugs: readonly string[],
): Promise<Map<string, { name: string; citySlug: string; cityName: string }>> {
  if (slugs.length === 0) return new Map();
  const rows = await db
    .select({ slug: restaurants.slug, name: restaurants.name, citySlug: cities.slug, cityName: cities.name })
    .from(restaurants)
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .where(inArray(restaurants.slug, [...slugs]));
  return new Map(rows.map((row) => [row.slug, { name: row.name, citySlug: row.citySlug, cityName: row.cityName }]));
}
