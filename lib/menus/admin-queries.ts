import 'server-only';

import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { admins, auditLog, cacheInvalidations, cities, menuCategories, menuItems, restaurants } from '@/db/schema';

/**
 * Reads for the admin console, straight from Postgres and never cached: an admin edits what the
 * database holds right now, and the `version` read here is what turns a save over someone else's
 * newer save into a conflict instead of a silent overwrite.
 */

export interface AdminRestaurantRow {
  slug: string;
  name: string;
  cuisines: string[];
  isOpen: boolean;
  itemCount: number;
  updatedAt: Date;
  city: { slug: string; name: string };
}

export interface AdminCityRestaurants {
  /** null: the search covered every city. */
  city: { slug: string; name: string } | null;
  restaurants: AdminRestaurantRow[];
}

export interface AdminMenuItem {
  id: number;
  categoryId: number;
  name: string;
  description: string;
  pricePaise: number;
  veg: boolean;
  available: boolean;
  bestseller: boolean;
  photoUrl: string | null;
  version: number;
}

export interface AdminCategory {
  id: number;
  name: string;
  items: AdminMenuItem[];
}

export interface AdminRestaurant {
  id: number;
  slug: string;
  name: string;
  area: string;
  cuisines: string[];
  isOpen: boolean;
  opensAt: string | null;
  photoUrl: string | null;
  version: number;
  updatedAt: Date;
  city: { slug: string; name: string };
  /** Every category in menu order, empty ones included (new items go into them). */
  categories: AdminCategory[];
}

export interface AuditRow {
  id: number;
  createdAt: Date;
  action: string;
  target: string;
  changes: Record<string, unknown>;
  /** The cache keys the change invalidates (a namespace purge lists the first few hundred). */
  invalidatedKeys: string[];
  /**
   * When each of them was really invalidated (the invalidation outbox, lib/cache/outbox.ts): a time,
   * null while it is still pending (retried), absent for entries older than the outbox.
   */
  invalidatedAt: Record<string, Date | null>;
  /** Null when the admin has since been removed. */
  adminEmail: string | null;
}

/** Longest search the box accepts; anything longer is cut, not rejected. */
export const MAX_SEARCH_LENGTH = 100;

/** `%`, `_` and `\` are LIKE metacharacters; escaped, a search for "50%" finds "50%", not everything. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** At most this many rows when a search covers every city (the list names each row's city). */
export const MAX_ALL_CITIES_ROWS = 200;

/**
 * The city's restaurants by name (every city's when `citySlug` is null), optionally those whose name
 * or a cuisine contains `search` (any case). Null for an unknown city.
 */
export async function searchRestaurants(
  db: Database,
  citySlug: string | null,
  search?: string,
): Promise<AdminCityRestaurants | null> {
  let city: { id: number; slug: string; name: string } | undefined;
  if (citySlug !== null) {
    [city] = await db.select({ id: cities.id, slug: cities.slug, name: cities.name }).from(cities).where(eq(cities.slug, citySlug));
    if (!city) return null;
  }

  const term = search?.trim().slice(0, MAX_SEARCH_LENGTH);
  // No name or cuisine holds a NUL (Postgres text can't), and Postgres refuses the byte in a pattern.
  if (term?.includes('\u0000')) return { city: city ? { slug: city.slug, name: city.name } : null, restaurants: [] };
  let matches: SQL | undefined;
  if (term) {
    const pattern = `%${escapeLike(term)}%`;
    matches = or(
      ilike(restaurants.name, pattern),
      sql`exists (select 1 from unnest(${restaurants.cuisines}) as cuisine where cuisine ilike ${pattern})`,
    );
  }

  const rows = await db
    .select({
      slug: restaurants.slug,
      name: restaurants.name,
      cuisines: restaurants.cuisines,
      isOpen: restaurants.isOpen,
      updatedAt: restaurants.updatedAt,
      itemCount: count(menuItems.id),
      city: { slug: cities.slug, name: cities.name },
    })
    .from(restaurants)
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .leftJoin(menuItems, eq(menuItems.restaurantId, restaurants.id))
    .where(and(city ? eq(restaurants.cityId, city.id) : undefined, matches))
    .groupBy(restaurants.id, cities.id)
    .orderBy(asc(restaurants.name), asc(restaurants.slug))
    .limit(city ? 100_000 : MAX_ALL_CITIES_ROWS);

  return { city: city ? { slug: city.slug, name: city.name } : null, restaurants: rows };
}

/** A restaurant with every category and item, each item with the version its edit form carries. */
export async function loadRestaurantForEdit(db: Database, slug: string): Promise<AdminRestaurant | null> {
  const [restaurant] = await db
    .select({
      id: restaurants.id,
      slug: restaurants.slug,
      name: restaurants.name,
      area: restaurants.area,
      cuisines: restaurants.cuisines,
      isOpen: restaurants.isOpen,
      opensAt: restaurants.opensAt,
      photoUrl: restaurants.photoUrl,
      version: restaurants.version,
      updatedAt: restaurants.updatedAt,
      city: { slug: cities.slug, name: cities.name },
    })
    .from(restaurants)
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .where(eq(restaurants.slug, slug));
  if (!restaurant) return null;

  const rows = await db
    .select({
      category: { id: menuCategories.id, name: menuCategories.name },
      item: {
        id: menuItems.id,
        categoryId: menuItems.categoryId,
        name: menuItems.name,
        description: menuItems.description,
        pricePaise: menuItems.pricePaise,
        veg: menuItems.veg,
        available: menuItems.available,
        bestseller: menuItems.bestseller,
        photoUrl: menuItems.photoUrl,
        version: menuItems.version,
      },
    })
    .from(menuCategories)
    .leftJoin(menuItems, eq(menuItems.categoryId, menuCategories.id))
    .where(eq(menuCategories.restaurantId, restaurant.id))
    .orderBy(asc(menuCategories.position), asc(menuCategories.id), asc(menuItems.position), asc(menuItems.id));

  const categories: AdminCategory[] = [];
  for (const { category, item } of rows) {
    let last = categories.at(-1);
    if (last?.id !== category.id) {
      last = { ...category, items: [] };
      categories.push(last);
    }
    // An empty category comes back as one row whose item is null.
    if (item) last.items.push(item);
  }
  return { ...restaurant, categories };
}

const auditColumns = {
  id: auditLog.id,
  createdAt: auditLog.createdAt,
  action: auditLog.action,
  target: auditLog.target,
  changes: auditLog.changes,
  invalidatedKeys: auditLog.invalidatedKeys,
  adminEmail: admins.email,
};

/** Adds when each entry's keys were really invalidated, from the outbox rows of those entries. */
async function withInvalidationTimes(db: Database, rows: Omit<AuditRow, 'invalidatedAt'>[]): Promise<AuditRow[]> {
  const ids = rows.map((row) => row.id);
  const outbox =
    ids.length === 0
      ? []
      : await db
          .select({ auditId: cacheInvalidations.auditId, keys: cacheInvalidations.keys, appliedAt: cacheInvalidations.appliedAt })
          .from(cacheInvalidations)
          .where(inArray(cacheInvalidations.auditId, ids));
  const times = new Map<number, Record<string, Date | null>>();
  for (const { auditId, keys, appliedAt } of outbox) {
    const byKey = times.get(auditId!) ?? {};
    for (const key of keys) byKey[key] = appliedAt;
    times.set(auditId!, byKey);
  }
  return rows.map((row) => ({ ...row, invalidatedAt: times.get(row.id) ?? {} }));
}

/** The latest audit entries about one restaurant, newest first, with who made them. */
export async function loadRestaurantAudit(db: Database, restaurantId: number, limit = 50): Promise<AuditRow[]> {
  return withInvalidationTimes(db, await restaurantAuditStatement(db, restaurantId, limit));
}

/** The query itself (tests EXPLAIN it), newest first through the (restaurant, created, id) index. */
export function restaurantAuditStatement(db: Database, restaurantId: number, limit: number) {
  return db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(admins, eq(admins.id, auditLog.adminId))
    .where(eq(auditLog.restaurantId, restaurantId))
    // The id breaks ties: one transaction's entries share its now().
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}

/** The latest audit entries of one kind (e.g. `cache.purge`) or several, newest first. */
export async function loadAuditByAction(db: Database, action: string | readonly string[], limit = 20): Promise<AuditRow[]> {
  return withInvalidationTimes(db, await auditByActionStatement(db, action, limit));
}

/**
 * The query itself (tests EXPLAIN it), through the (action, created, id) index: one action is read
 * newest first and stops at the limit, however many entries of other kinds came after it; several
 * are read from the index and only their own entries sorted.
 */
export function auditByActionStatement(db: Database, action: string | readonly string[], limit: number) {
  return db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(admins, eq(admins.id, auditLog.adminId))
    .where(typeof action === 'string' ? eq(auditLog.action, action) : inArray(auditLog.action, [...action]))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}
