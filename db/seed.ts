import { inArray } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { cities, menuCategories, menuItems, restaurantOffers, restaurants } from './schema';
import { generateSeedData, type SeedCity } from './seed-data';
import { seededFees, seededOpensAt, seededOffer } from './seed-derived';

/**
 * Any Drizzle Postgres database built with this schema: postgres.js in the app and scripts, PGlite in
 * tests. Only the query builder is used, never driver-specific result fields (row counts differ).
 */
export type AnyDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Rows this run inserted; all zero when the data was already there. */
export interface SeedReport {
  cities: number;
  restaurants: number;
  categories: number;
  items: number;
  offers: number;
}

/**
 * Rows per statement. Postgres caps a statement at 65,535 bind parameters; items bind 9 columns, so
 * 2,000 rows stays well clear while keeping ~7,500 items to four round trips.
 */
const CHUNK_ROWS = 2_000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) out.push(rows.slice(i, i + CHUNK_ROWS));
  return out;
}

/** NUL can't appear in a Postgres text value, so two different (id, name) pairs never share a key. */
const pairKey = (restaurantId: number, name: string) => `${restaurantId}\u0000${name}`;

function idOf(ids: Map<string, number>, key: string, what: string): number {
  const id = ids.get(key);
  // Only possible if the generator broke its own invariants or a row vanished mid-transaction.
  if (id === undefined) throw new Error(`seed: no id for ${what}`);
  return id;
}

/**
 * Inserts the rows whose natural key isn't in the database yet and returns every row's id by key.
 * Rows that exist are skipped up front, so a re-seed sends no big INSERTs and burns no serial values;
 * ON CONFLICT DO NOTHING still guards against a concurrent seed inserting the same key in between,
 * which is also why ids are read back by key instead of taken from RETURNING.
 */
async function insertMissing<Row>(
  rows: readonly Row[],
  keyOf: (row: Row) => string,
  readIds: () => Promise<Map<string, number>>,
  insert: (chunk: Row[]) => Promise<number>,
): Promise<{ ids: Map<string, number>; inserted: number; missing: Row[] }> {
  const existing = await readIds();
  const missing = rows.filter((row) => !existing.has(keyOf(row)));
  let inserted = 0;
  for (const chunk of chunks(missing)) inserted += await insert(chunk);
  return { ids: missing.length === 0 ? existing : await readIds(), inserted, missing };
}

/**
 * Inserts the generated demo data. Idempotent and non-destructive: rows are matched on their natural
 * keys (city slug, restaurant slug, (restaurant, name) for sections and dishes) and existing ones,
 * including any edited since the last seed, are never updated; deleted ones are put back. Demo
 * offers go only to restaurants this run inserted, so a re-seed never brings back an offer an admin
 * removed. One
 * transaction, so a failure leaves nothing half-seeded. Does not touch Redis: callers that cache menus
 * invalidate them themselves. `data` is only for tests that need a different dataset.
 */
export async function seed(db: AnyDb, data: SeedCity[] = generateSeedData()): Promise<SeedReport> {
  return db.transaction(async (tx) => {
    const cityRows = data.map(({ slug, name, state }) => ({ slug, name, state }));
    const citySlugs = cityRows.map((c) => c.slug);
    const cityResult = await insertMissing(
      cityRows,
      (c) => c.slug,
      async () => {
        const found = await tx.select({ id: cities.id, slug: cities.slug }).from(cities).where(inArray(cities.slug, citySlugs));
        return new Map(found.map((c) => [c.slug, c.id]));
      },
      async (chunk) =>
        (await tx.insert(cities).values(chunk).onConflictDoNothing({ target: cities.slug }).returning({ id: cities.id })).length,
    );

    const restaurantRows = data.flatMap((city) =>
      city.restaurants.map((r) => ({
        cityId: idOf(cityResult.ids, city.slug, `city ${city.slug}`),
        slug: r.slug,
        name: r.name,
        area: r.area,
        cuisines: r.cuisines,
        rating: r.rating,
        deliveryMinutes: r.deliveryMinutes,
        costForTwo: r.costForTwo,
        ...seededFees(r.slug, r.costForTwo),
        pureVeg: r.pureVeg,
        isOpen: r.isOpen,
        opensAt: seededOpensAt(r.slug, r.isOpen),
      })),
    );
    const restaurantSlugs = restaurantRows.map((r) => r.slug);
    const restaurantResult = await insertMissing(
      restaurantRows,
      (r) => r.slug,
      async () => {
        const ids = new Map<string, number>();
        for (const slugs of chunks(restaurantSlugs)) {
          const found = await tx.select({ id: restaurants.id, slug: restaurants.slug }).from(restaurants).where(inArray(restaurants.slug, slugs));
          for (const r of found) ids.set(r.slug, r.id);
        }
        return ids;
      },
      async (chunk) =>
        (await tx.insert(restaurants).values(chunk).onConflictDoNothing({ target: restaurants.slug }).returning({ id: restaurants.id })).length,
    );

    const offerRows = restaurantResult.missing.flatMap(({ slug }) => {
      const terms = seededOffer(slug);
      if (!terms) return [];
      return [
        {
          restaurantId: idOf(restaurantResult.ids, slug, `restaurant ${slug}`),
          kind: terms.kind,
          percent: terms.kind === 'percent' ? terms.percent : null,
          maxDiscountPaise: terms.kind === 'percent' ? terms.maxDiscountPaise : null,
          flatPaise: terms.kind === 'flat' ? terms.flatPaise : null,
          minOrderPaise: terms.minOrderPaise,
        },
      ];
    });
    const offersInserted =
      offerRows.length === 0
        ? 0
        : (await tx.insert(restaurantOffers).values(offerRows).onConflictDoNothing().returning({ id: restaurantOffers.restaurantId })).length;

    const menus = data.flatMap((city) =>
      city.restaurants.map((r) => ({ id: idOf(restaurantResult.ids, r.slug, `restaurant ${r.slug}`), categories: r.categories })),
    );
    const restaurantIds = menus.map((m) => m.id);

    const categoryRows = menus.flatMap(({ id, categories }) =>
      categories.map((c) => ({ restaurantId: id, name: c.name, position: c.position })),
    );
    const categoryResult = await insertMissing(
      categoryRows,
      (c) => pairKey(c.restaurantId, c.name),
      async () => {
        const ids = new Map<string, number>();
        for (const chunk of chunks(restaurantIds)) {
          const found = await tx
            .select({ id: menuCategories.id, restaurantId: menuCategories.restaurantId, name: menuCategories.name })
            .from(menuCategories)
            .where(inArray(menuCategories.restaurantId, chunk));
          for (const c of found) ids.set(pairKey(c.restaurantId, c.name), c.id);
        }
        return ids;
      },
      async (chunk) =>
        (
          await tx
            .insert(menuCategories)
            .values(chunk)
            .onConflictDoNothing({ target: [menuCategories.restaurantId, menuCategories.name] })
            .returning({ id: menuCategories.id })
        ).length,
    );

    const itemRows = menus.flatMap(({ id, categories }) =>
      categories.flatMap((c) => {
        const categoryId = idOf(categoryResult.ids, pairKey(id, c.name), `category ${c.name} of restaurant ${id}`);
        return c.items.map((item) => ({ ...item, restaurantId: id, categoryId }));
      }),
    );
    const itemResult = await insertMissing(
      itemRows,
      (i) => pairKey(i.restaurantId, i.name),
      async () => {
        const ids = new Map<string, number>();
        for (const chunk of chunks(restaurantIds)) {
          const found = await tx
            .select({ id: menuItems.id, restaurantId: menuItems.restaurantId, name: menuItems.name })
            .from(menuItems)
            .where(inArray(menuItems.restaurantId, chunk));
          for (const i of found) ids.set(pairKey(i.restaurantId, i.name), i.id);
        }
        return ids;
      },
      async (chunk) =>
        (
          await tx
            .insert(menuItems)
            .values(chunk)
            .onConflictDoNothing({ target: [menuItems.restaurantId, menuItems.name] })
            .returning({ id: menuItems.id })
        ).length,
    );

    return {
      cities: cityResult.inserted,
      restaurants: restaurantResult.inserted,
      categories: categoryResult.inserted,
      items: itemResult.inserted,
      offers: offersInserted,
    };
  });
}

/** True once any city exists, so `db:seed` and dev servers can skip generating data they won't insert. */
export async function isSeeded(db: AnyDb): Promise<boolean> {
  const rows = await db.select({ id: cities.id }).from(cities).limit(1);
  return rows.length > 0;
}
