import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { cities, restaurants } from '@/db/schema';
import { citySearchStatement, loadCitySearch, MAX_DISH_HITS, MAX_DISHES_PER_RESTAURANT } from '@/lib/search/queries';
import { normalizeQuery } from '@/lib/search/query';
import type { SearchResults } from '@/lib/search/types';

import { createTestPglite, createTestPostgres } from '../support/databases';
import { IN_CI, missing, postgresAvailable } from '../support/services';

/**
 * Ranking and typo tolerance on the seeded catalogue (db/seed-data.ts, a pure function of its seed),
 * on the embedded database and on the real Postgres: what a customer types, and what must come first.
 */

type Expectation = { dish?: string | RegExp; restaurant?: string | RegExp };

const FIRST: [city: string, typed: string, expected: Expectation][] = [
  // Exact names, and names as customers misspell or transliterate them.
  ['delhi', 'Paneer Tikka', { dish: 'Paneer Tikka' }],
  ['delhi', 'panner tikka', { dish: 'Paneer Tikka' }],
  ['delhi', 'panir', { dish: /Paneer/ }],
  ['delhi', 'panner', { dish: /Paneer/ }],
  ['hyderabad', 'biryani', { dish: /Biryani/, restaurant: /Biryani/ }],
  ['hyderabad', 'biriyani', { dish: /Biryani/, restaurant: /Biryani/ }],
  ['hyderabad', 'briyani', { dish: /Biryani/, restaurant: /Biryani/ }],
  ['chennai', 'dosai', { dish: /Dosa$/ }],
  ['chennai', 'dosa', { dish: /Dosa$/ }],
  ['chennai', 'idly', { dish: /Idli/ }],
  ['bengaluru', 'masal dosa', { dish: 'Masala Dosa' }],
  ['kolkata', 'kati roll', { dish: /Kathi Roll/ }],
  ['delhi', 'chhole bature', { dish: 'Chole Bhature' }],
  ['mumbai', 'wada pav', { dish: 'Vada Pav' }],
  ['hyderabad', 'halim', { dish: 'Mutton Haleem' }],
  ['delhi', 'jilebi', { dish: /Jalebi/ }],
  ['kolkata', 'rosogolla', { dish: /Rasgulla/ }],
  ['bengaluru', 'gulab jaman', { dish: /^Gulab Jamun/ }],
  ['delhi', 'butter chiken', { dish: 'Butter Chicken' }],
  ['bengaluru', 'piza', { dish: /Pizza/, restaurant: /Pizzeria|Pizza/ }],
  ['delhi', 'momo', { dish: /Momos/, restaurant: /Momo/ }],
  // Accents and case are folded; "café" finds the cafés.
  ['bengaluru', 'CAFÉ', { restaurant: /Cafe/ }],
  // A cuisine finds the places whose main cuisine it is first.
  ['pune', 'chinese', { restaurant: 'Lotus Kitchen' }],
];

async function search(db: DatabaseHandle, city: string, typed: string): Promise<SearchResults> {
  const query = normalizeQuery(typed);
  if (!query.ok) throw new Error(query.message);
  const results = await loadCitySearch(db.db, city, query.query);
  if (!results) throw new Error(`no city ${city}`);
  return results;
}

const matches = (value: string | undefined, expected: string | RegExp) =>
  typeof expected === 'string' ? value === expected : value !== undefined && expected.test(value);

const hasPostgres = (await postgresAvailable()) || IN_CI;
const databases = [
  { name: 'pglite', runnable: true, open: () => createTestPglite() },
  { name: 'postgres', runnable: hasPostgres, open: () => createTestPostgres('search_ranking') },
];

for (const database of databases) {
  describe.skipIf(!database.runnable)(`search ranking on ${database.name}${database.runnable ? '' : ` (skipped: ${missing('Postgres')})`}`, () => {
    let db: DatabaseHandle;

    beforeAll(async () => {
      db = await database.open();
    });

    afterAll(async () => {
      await db.close();
    });

    it.each(FIRST)('%s: "%s" puts %o first', async (city, typed, expected) => {
      const results = await search(db, city, typed);
      if (expected.dish) {
        expect(results.dishes[0]?.name, JSON.stringify(results.dishes.slice(0, 3).map((d) => d.name))).toSatisfy((name: string) =>
          matches(name, expected.dish!),
        );
        expect(results.dishes[0]?.matched).toBe('name');
      }
      if (expected.restaurant) {
        expect(results.restaurants[0]?.name, JSON.stringify(results.restaurants.map((r) => r.name))).toSatisfy((name: string) =>
          matches(name, expected.restaurant!),
        );
      }
    });

    it('finds description words (as a prefix while typing) after every name match', async () => {
      for (const typed of ['saffron', 'saffr']) {
        const { dishes } = await search(db, 'mumbai', typed);
        expect(dishes.length).toBeGreaterThan(0);
        expect(dishes.every((dish) => dish.matched === 'description' && /saffron/i.test(dish.description))).toBe(true);
      }
      const { dishes } = await search(db, 'hyderabad', 'biryani');
      const kinds = dishes.map((dish) => dish.matched);
      expect(kinds.lastIndexOf('name')).toBeLessThan(Math.max(kinds.indexOf('description'), kinds.length));
    });

    it('ranks open restaurants and available dishes first, within the city only, a few dishes per restaurant', async () => {
      const [city] = await db.db.select({ id: cities.id }).from(cities).where(eq(cities.slug, 'bengaluru'));
      const inCity = new Set(
        (await db.db.select({ slug: restaurants.slug }).from(restaurants).where(eq(restaurants.cityId, city!.id))).map((r) => r.slug),
      );
      for (const typed of ['biryani', 'paneer', 'dosa', 'chicken', 'coffee', 'rice']) {
        const { restaurants: places, dishes } = await search(db, 'bengaluru', typed);
        const openFlags = places.map((place) => place.isOpen);
        expect(openFlags, typed).toEqual([...openFlags].sort((a, b) => Number(b) - Number(a)));
        const orderable = dishes.map((dish) => dish.restaurant.isOpen && dish.available);
        expect(orderable, typed).toEqual([...orderable].sort((a, b) => Number(b) - Number(a)));
        expect(dishes.every((dish) => inCity.has(dish.restaurant.slug)), typed).toBe(true);
        expect(places.every((place) => inCity.has(place.slug)), typed).toBe(true);
        expect(dishes.length).toBeLessThanOrEqual(MAX_DISH_HITS);
        const perRestaurant = new Map<string, number>();
        dishes.forEach((dish) => perRestaurant.set(dish.restaurant.slug, (perRestaurant.get(dish.restaurant.slug) ?? 0) + 1));
        expect(Math.max(0, ...perRestaurant.values()), typed).toBeLessThanOrEqual(MAX_DISHES_PER_RESTAURANT);
      }
    });

    it('gives each dish its restaurant, price, veg mark, category and photo field', async () => {
      const { dishes } = await search(db, 'delhi', 'paneer tikka');
      expect(dishes[0]).toEqual({
        id: expect.any(Number),
        name: 'Paneer Tikka',
        description: expect.any(String),
        pricePaise: expect.any(Number),
        veg: true,
        available: expect.any(Boolean),
        bestseller: expect.any(Boolean),
        photoUrl: null,
        category: expect.any(String),
        restaurant: { slug: expect.any(String), name: expect.any(String), isOpen: true, opensAt: null },
        matched: 'name',
      });
    });

    it('answers null for an unknown city, and nothing for text no name or description holds', async () => {
      expect(await loadCitySearch(db.db, 'atlantis', 'biryani')).toBeNull();
      const empty = await search(db, 'delhi', 'zzqx vvkj');
      expect(empty).toMatchObject({ restaurants: [], dishes: [] });
    });

    it('treats hostile text as text', async () => {
      const hostile = [
        "'; drop table menu_items; --",
        '%_\\ like everything',
        'paneer:* & | ! ( ) <-> biryani',
        '<script>alert(1)</script>',
        'बिरयानी',
        '🍕🍕',
        'a'.repeat(100),
      ];
      for (const typed of hostile) {
        const query = normalizeQuery(typed);
        if (!query.ok) continue;
        await expect(loadCitySearch(db.db, 'delhi', query.query), typed).resolves.toMatchObject({ city: { slug: 'delhi' } });
      }
      expect((await search(db, 'delhi', 'paneer:* & | !')).dishes[0]?.name).toMatch(/Paneer/);
    });

    it('reads only the city through indexes (EXPLAIN: no sequential scan)', async () => {
      const raw = (await db.db.execute(sql`explain ${citySearchStatement(db.db, 'delhi', 'paneer')}`)) as unknown;
      const rows = (Array.isArray(raw) ? raw : (raw as { rows: unknown[] }).rows) as Record<string, string>[];
      const plan = rows.map((row) => Object.values(row)[0]).join('\n');
      expect(plan).not.toContain('Seq Scan');
      expect(plan).toContain('restaurants_city_rating_idx');
      expect(plan).toContain('menu_items_restaurant_category_position_idx');
    });
  });
}
