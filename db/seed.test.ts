import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { and, asc, eq, sql } from 'drizzle-orm';
import { drizzle, type PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { isSlug } from '@/lib/menus/slug';
import { PGLITE_EXTENSIONS } from './pglite';
import * as schema from './schema';
import { cities, menuCategories, menuItems, restaurantOffers, restaurants } from './schema';
import { type AnyDb, isSeeded, seed } from './seed';
import { generateSeedData, MAX_ITEMS, MAX_SECTIONS, MIN_ITEMS, MIN_SECTIONS, RESTAURANTS_PER_CITY } from './seed-data';
import { seededOffer } from './seed-derived';

const data = generateSeedData();
const allRestaurants = data.flatMap((c) => c.restaurants);
const allItems = allRestaurants.flatMap((r) => r.categories.flatMap((c) => c.items));
const totals = {
  cities: data.length,
  restaurants: allRestaurants.length,
  categories: allRestaurants.reduce((n, r) => n + r.categories.length, 0),
  items: allItems.length,
  offers: allRestaurants.filter((r) => seededOffer(r.slug) !== null).length,
};

/** Words that make a dish non-veg; checked both ways so a mis-flagged catalogue entry fails here. */
const NON_VEG =
  /\b(chicken|mutton|eggs?|fish|prawns?|prawn|keema|kheema|crab|squid|pomfret|surmai|bombil|bangda|rawas|ilish|bhetki|chingri|mangsho|maach|macher|murgh|galouti|shami|gosht|haleem|nihari|kaleji|pepperoni|kodi|kozhi|royyala|karimeen|akuri|omelette|breakfast|kabiraji|mughlai paratha|apollo|drums of heaven|mixed|non-veg)\b/i;

const share = (part: number, whole: number) => part / whole;

describe('generateSeedData', () => {
  it('is deterministic and never uses Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    try {
      expect(generateSeedData()).toEqual(generateSeedData());
      expect(random).not.toHaveBeenCalled();
    } finally {
      random.mockRestore();
    }
  });

  it('covers the eight metros with 25 restaurants each', () => {
    expect(data.length).toBeGreaterThanOrEqual(8);
    expect(data.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Bengaluru', 'Mumbai', 'Delhi', 'Hyderabad', 'Chennai', 'Pune', 'Kolkata', 'Ahmedabad']),
    );
    expect(data.find((c) => c.slug === 'chennai')?.state).toBe('Tamil Nadu');
    for (const city of data) {
      expect(isSlug(city.slug)).toBe(true);
      expect(city.restaurants).toHaveLength(RESTAURANTS_PER_CITY);
      expect(new Set(city.restaurants.map((r) => r.name)).size).toBe(RESTAURANTS_PER_CITY);
    }
  });

  it('gives restaurants valid, globally unique slugs and realistic listing fields', () => {
    const slugs = allRestaurants.map((r) => r.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const r of allRestaurants) {
      expect(isSlug(r.slug), r.slug).toBe(true);
      expect(r.slug.length).toBeLessThanOrEqual(64);
      expect(r.rating).toBeGreaterThanOrEqual(3.5);
      expect(r.rating).toBeLessThanOrEqual(4.8);
      expect(Math.round(r.rating * 10) / 10).toBe(r.rating);
      expect(r.deliveryMinutes).toBeGreaterThanOrEqual(20);
      expect(r.deliveryMinutes).toBeLessThanOrEqual(55);
      expect(r.costForTwo % 50).toBe(0);
      expect(r.costForTwo).toBeGreaterThanOrEqual(150);
      expect(r.costForTwo).toBeLessThanOrEqual(1200);
      expect(r.cuisines.length).toBeGreaterThan(0);
      expect(r.area.length).toBeGreaterThan(0);
    }
    expect(share(allRestaurants.filter((r) => r.pureVeg).length, totals.restaurants)).toBeGreaterThan(0.18);
    expect(share(allRestaurants.filter((r) => r.pureVeg).length, totals.restaurants)).toBeLessThan(0.35);
    expect(share(allRestaurants.filter((r) => !r.isOpen).length, totals.restaurants)).toBeGreaterThan(0.05);
    expect(share(allRestaurants.filter((r) => !r.isOpen).length, totals.restaurants)).toBeLessThan(0.15);
  });

  it('gives about two restaurants in five a demo offer the admin form could have saved', () => {
    const offers = allRestaurants.map((r) => seededOffer(r.slug)).filter((offer) => offer !== null);
    expect(share(offers.length, totals.restaurants)).toBeGreaterThan(0.3);
    expect(share(offers.length, totals.restaurants)).toBeLessThan(0.5);
    // Every kind appears, each within the admin form's bounds (lib/offers/schema.ts).
    expect(new Set(offers.map((offer) => offer.kind))).toEqual(new Set(['percent', 'flat']));
    for (const offer of offers) {
      if (offer.kind === 'percent') {
        expect(offer.percent).toBeGreaterThanOrEqual(1);
        expect(offer.percent).toBeLessThanOrEqual(90);
        expect(offer.maxDiscountPaise).toBeGreaterThanOrEqual(100);
        expect(offer.maxDiscountPaise).toBeLessThanOrEqual(1_000_00);
      } else {
        expect(offer.flatPaise).toBeGreaterThanOrEqual(100);
        expect(offer.flatPaise).toBeLessThanOrEqual(1_000_00);
      }
      expect(offer.minOrderPaise % 100).toBe(0);
    }
  });

  it('builds menus of 30–45 uniquely named dishes in 4–8 positioned sections', () => {
    for (const r of allRestaurants) {
      expect(r.categories.length).toBeGreaterThanOrEqual(MIN_SECTIONS);
      expect(r.categories.length).toBeLessThanOrEqual(MAX_SECTIONS);
      expect(r.categories.map((c) => c.position)).toEqual(r.categories.map((_, i) => i));
      expect(new Set(r.categories.map((c) => c.name)).size).toBe(r.categories.length);
      const items = r.categories.flatMap((c) => c.items);
      expect(items.length).toBeGreaterThanOrEqual(MIN_ITEMS);
      expect(items.length).toBeLessThanOrEqual(MAX_ITEMS);
      expect(new Set(items.map((i) => i.name)).size, r.slug).toBe(items.length);
      for (const c of r.categories) {
        expect(c.items.length).toBeGreaterThan(0);
        expect(c.items.map((i) => i.position)).toEqual(c.items.map((_, i) => i));
      }
    }
    expect(totals.items).toBeGreaterThanOrEqual(6_000);
  });

  it('prices dishes in whole rupees, as integer paise', () => {
    for (const item of allItems) {
      expect(Number.isInteger(item.pricePaise)).toBe(true);
      expect(item.pricePaise % 100).toBe(0);
      expect(item.pricePaise).toBeGreaterThanOrEqual(1_500);
      expect(item.pricePaise).toBeLessThan(200_000);
      expect(item.description.length).toBeGreaterThan(0);
    }
  });

  it('flags veg correctly and keeps pure-veg restaurants all veg', () => {
    for (const item of allItems) expect(item.veg, item.name).toBe(!NON_VEG.test(item.name));
    for (const r of allRestaurants.filter((x) => x.pureVeg)) {
      expect(r.categories.flatMap((c) => c.items).every((i) => i.veg), r.slug).toBe(true);
    }
    expect(allRestaurants.filter((r) => !r.pureVeg).every((r) => r.categories.some((c) => c.items.some((i) => !i.veg)))).toBe(true);
  });

  it('marks about 15% bestsellers and 5% unavailable', () => {
    const bestsellers = share(allItems.filter((i) => i.bestseller).length, totals.items);
    const unavailable = share(allItems.filter((i) => !i.available).length, totals.items);
    expect(bestsellers).toBeGreaterThan(0.1);
    expect(bestsellers).toBeLessThan(0.2);
    expect(unavailable).toBeGreaterThan(0.02);
    expect(unavailable).toBeLessThan(0.08);
  });
});

describe('seed on PGlite', () => {
  let client: PGlite;
  let db: PgliteDatabase<typeof schema>;

  const counts = async () => ({
    cities: await db.$count(cities),
    restaurants: await db.$count(restaurants),
    categories: await db.$count(menuCategories),
    items: await db.$count(menuItems),
    offers: await db.$count(restaurantOffers),
  });

  const ids = async () => ({
    cities: await db.select({ id: cities.id, slug: cities.slug }).from(cities).orderBy(asc(cities.id)),
    restaurants: await db.select({ id: restaurants.id, slug: restaurants.slug }).from(restaurants).orderBy(asc(restaurants.id)),
    categories: await db
      .select({ id: menuCategories.id, restaurantId: menuCategories.restaurantId, name: menuCategories.name })
      .from(menuCategories)
      .orderBy(asc(menuCategories.id)),
    items: await db
      .select({ id: menuItems.id, restaurantId: menuItems.restaurantId, categoryId: menuItems.categoryId, name: menuItems.name })
      .from(menuItems)
      .orderBy(asc(menuItems.id)),
  });

  beforeAll(async () => {
    // One in-memory database for the whole file: starting PGlite costs seconds.
    client = new PGlite({ extensions: PGLITE_EXTENSIONS });
    db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: path.join(import.meta.dirname, 'migrations') });
  });

  afterAll(async () => {
    await client?.close();
  });

  it('accepts both the postgres.js and the PGlite database types', () => {
    expectTypeOf<PostgresJsDatabase<typeof schema>>().toExtend<AnyDb>();
    expectTypeOf<PgliteDatabase<typeof schema>>().toExtend<AnyDb>();
  });

  it('reports an empty database as not seeded', async () => {
    expect(await isSeeded(db)).toBe(false);
  });

  it('inserts every generated row in one run', async () => {
    const started = performance.now();
    const report = await seed(db);
    const elapsed = performance.now() - started;
    console.info(`seed: ${JSON.stringify(report)} in ${Math.round(elapsed)} ms on PGlite`);

    expect(report).toEqual(totals);
    expect(await counts()).toEqual(totals);
    expect(await isSeeded(db)).toBe(true);
  });

  it('stores the generated values, with pure-veg restaurants holding only veg items', async () => {
    const first = allRestaurants[0];
    if (!first) throw new Error('no generated restaurants');
    const [stored] = await db.select().from(restaurants).where(eq(restaurants.slug, first.slug));
    expect(stored).toMatchObject({
      name: first.name,
      area: first.area,
      cuisines: first.cuisines,
      rating: first.rating,
      costForTwo: first.costForTwo,
      pureVeg: first.pureVeg,
      isOpen: first.isOpen,
    });

    const mismatched = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(menuItems)
      .innerJoin(restaurants, eq(menuItems.restaurantId, restaurants.id))
      .where(and(eq(restaurants.pureVeg, true), eq(menuItems.veg, false)));
    expect(mismatched[0]?.count).toBe(0);

    // Items must sit in a category of their own restaurant, or a menu query would show foreign dishes.
    const crossed = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(menuItems)
      .innerJoin(menuCategories, eq(menuItems.categoryId, menuCategories.id))
      .where(sql`${menuCategories.restaurantId} <> ${menuItems.restaurantId}`);
    expect(crossed[0]?.count).toBe(0);
  });

  it('is idempotent: a second run inserts nothing and keeps every id', async () => {
    const before = await ids();
    const report = await seed(db);
    expect(report).toEqual({ cities: 0, restaurants: 0, categories: 0, items: 0, offers: 0 });
    expect(await counts()).toEqual(totals);
    expect(await ids()).toEqual(before);
  });

  it('never overwrites edited rows, and only fills in deleted ones', async () => {
    const [item] = await db.select().from(menuItems).orderBy(asc(menuItems.id)).limit(1);
    const [restaurant] = await db.select().from(restaurants).orderBy(asc(restaurants.id)).limit(1);
    const [victim] = await db.select().from(menuItems).orderBy(asc(menuItems.id)).offset(1).limit(1);
    if (!item || !restaurant || !victim) throw new Error('expected seeded rows');

    await db.update(menuItems).set({ pricePaise: 12_345_00, available: !item.available }).where(eq(menuItems.id, item.id));
    await db.update(restaurants).set({ rating: 1.2, isOpen: !restaurant.isOpen }).where(eq(restaurants.id, restaurant.id));
    await db.delete(menuItems).where(eq(menuItems.id, victim.id));

    const report = await seed(db);
    expect(report).toEqual({ cities: 0, restaurants: 0, categories: 0, items: 1, offers: 0 });

    const [itemAfter] = await db.select().from(menuItems).where(eq(menuItems.id, item.id));
    expect(itemAfter).toMatchObject({ pricePaise: 12_345_00, available: !item.available });
    const [restaurantAfter] = await db.select().from(restaurants).where(eq(restaurants.id, restaurant.id));
    expect(restaurantAfter).toMatchObject({ rating: 1.2, isOpen: !restaurant.isOpen });
    const [restored] = await db
      .select()
      .from(menuItems)
      .where(and(eq(menuItems.restaurantId, victim.restaurantId), eq(menuItems.name, victim.name)));
    expect(restored).toMatchObject({ categoryId: victim.categoryId, pricePaise: victim.pricePaise });
    expect(await counts()).toEqual(totals);
  });

  it('never brings back an offer an admin removed', async () => {
    const [offered] = await db.select({ restaurantId: restaurantOffers.restaurantId }).from(restaurantOffers).limit(1);
    if (!offered) throw new Error('expected a seeded offer');
    await db.delete(restaurantOffers).where(eq(restaurantOffers.restaurantId, offered.restaurantId));

    const report = await seed(db);
    expect(report.offers).toBe(0);
    expect(await db.$count(restaurantOffers, eq(restaurantOffers.restaurantId, offered.restaurantId))).toBe(0);
    expect(await db.$count(restaurantOffers)).toBe(totals.offers - 1);
  });
});
