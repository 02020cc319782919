import 'server-only';

import { asc, count, desc, eq } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { cities, menuCategories, menuItems, restaurantOffers, restaurants } from '@/db/schema';

import type { CityRestaurants, CitySummary, MenuCategoryView, OfferTerms, RestaurantMenu, RestaurantSummary } from './types';

/**
 * Postgres reads, the source of truth behind the cache. Each is one SQL statement (one round trip
 * per cache miss) and returns the app's own shapes (lib/menus/types.ts), never table rows, so the
 * cached JSON does not change with the schema.
 */

const restaurantSummaryColumns = {
  slug: restaurants.slug,
  name: restaurants.name,
  cuisines: restaurants.cuisines,
  rating: restaurants.rating,
  ratingCount: restaurants.ratingCount,
  deliveryMinutes: restaurants.deliveryMinutes,
  costForTwo: restaurants.costForTwo,
  pureVeg: restaurants.pureVeg,
  isOpen: restaurants.isOpen,
  opensAt: restaurants.opensAt,
  photoUrl: restaurants.photoUrl,
};

/** The offer's columns, left-joined: all null when the restaurant has none. */
export const offerColumns = {
  offerKind: restaurantOffers.kind,
  offerPercent: restaurantOffers.percent,
  offerMaxDiscountPaise: restaurantOffers.maxDiscountPaise,
  offerFlatPaise: restaurantOffers.flatPaise,
  offerMinOrderPaise: restaurantOffers.minOrderPaise,
};

type OfferColumns = { [K in keyof typeof offerColumns]: unknown };

/** The stored columns as the app's OfferTerms; null without an offer (or a row the check constraint would refuse). */
export function offerFrom(row: Partial<OfferColumns>): OfferTerms | null {
  const min = Number(row.offerMinOrderPaise ?? 0);
  if (row.offerKind === 'percent' && row.offerPercent != null && row.offerMaxDiscountPaise != null) {
    return { kind: 'percent', percent: Number(row.offerPercent), maxDiscountPaise: Number(row.offerMaxDiscountPaise), minOrderPaise: min };
  }
  if (row.offerKind === 'flat' && row.offerFlatPaise != null) return { kind: 'flat', flatPaise: Number(row.offerFlatPaise), minOrderPaise: min };
  return null;
}



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
  const rows = await db
    .select({
      city: { slug: cities.slug, name: cities.name, state: cities.state },
      restaurant: restaurantSummaryColumns,
      offer: offerColumns,
    })
    .from(cities)
    .leftJoin(restaurants, eq(restaurants.cityId, cities.id))
    .leftJoin(restaurantOffers, eq(restaurantOffers.restaurantId, restaurants.id))
    .where(eq(cities.slug, citySlug))
    .orderBy(desc(restaurants.isOpen), desc(restaurants.rating), asc(restaurants.slug));

  const [first] = rows;
  if (!first) return null;
  return {
    city: first.city,
    // A city without restaurants comes back as one row whose restaurant is null.
    restaurants: rows.flatMap((row): RestaurantSummary[] =>
      row.restaurant ? [{ ...row.restaurant, offer: row.offer ? offerFrom(row.offer) : null }] : [],
    ),
  };
}

export async function loadRestaurantMenu(db: Database, restaurantSlug: string): Promise<RestaurantMenu | null> {
  const rows = await db
    .select({
      restaurant: {
        ...restaurantSummaryColumns,
        area: restaurants.area,
        deliveryFeePaise: restaurants.deliveryFeePaise,
        packagingFeePaise: restaurants.packagingFeePaise,
      },
      offer: offerColumns,
      city: { slug: cities.slug, name: cities.name },
      category: menuCategories.name,
      item: {
        id: menuItems.id,
        name: menuItems.name,
        description: menuItems.description,
        pricePaise: menuItems.pricePaise,
        veg: menuItems.veg,
        available: menuItems.available,
        bestseller: menuItems.bestseller,
        photoUrl: menuItems.photoUrl,
      },
    })
    .from(restaurants)
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .leftJoin(restaurantOffers, eq(restaurantOffers.restaurantId, restaurants.id))
    .leftJoin(menuItems, eq(menuItems.restaurantId, restaurants.id))
    .leftJoin(menuCategories, eq(menuCategories.id, menuItems.categoryId))
    .where(eq(restaurants.slug, restaurantSlug))
    .orderBy(asc(menuCategories.position), asc(menuItems.position), asc(menuItems.id));

  const [first] = rows;
  if (!first) return null;

  const categories: MenuCategoryView[] = [];
  for (const { category, item } of rows) {
    // A restaurant without items comes back as one row whose item is null.
    if (!item || category === null) continue;
    const last = categories.at(-1);
    if (last?.name === category) last.items.push(item);
    else categories.push({ name: category, items: [item] });
  }
  const offer = first.offer ? offerFrom(first.offer) : null;
  return { restaurant: { ...first.restaurant, offer, city: first.city }, categories };
}
