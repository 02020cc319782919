import { and, eq, notExists } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { cities, menuItems, restaurantOffers, restaurants } from '@/db/schema';
import type { MenuItemView, RestaurantMenu } from '@/lib/menus/types';

/** The admin's item form as a saved item would fill it, with a new price (rupees, as the form takes them). */
export function itemForm(item: typeof menuItems.$inferSelect, pricePaise = item.pricePaise): Record<string, string> {
  return {
    version: String(item.version),
    name: item.name,
    description: item.description,
    price: (pricePaise / 100).toFixed(2),
    categoryId: String(item.categoryId),
    ...(item.veg ? { veg: 'on' } : {}),
    ...(item.available ? { available: 'on' } : {}),
    ...(item.bestseller ? { bestseller: 'on' } : {}),
  };
}

/** A menu item of an open restaurant, with the restaurant's and its city's slugs: what an admin edits. */
export async function openRestaurantItem(db: Database): Promise<{ item: typeof menuItems.$inferSelect; slug: string; city: string }> {
  const [row] = await db
    .select({ item: menuItems, slug: restaurants.slug, city: cities.slug })
    .from(menuItems)
    .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .where(eq(restaurants.isOpen, true))
    .limit(1);
  return row!;
}

/**
 * An open restaurant with no offer: a bill a test computes by hand then has no discount line. The seed
 * gives about two restaurants in five an offer (db/seed-derived.ts).
 */
export function openWithoutOffer(db: Database) {
  return and(eq(restaurants.isOpen, true), notExists(db.select().from(restaurantOffers).where(eq(restaurantOffers.restaurantId, restaurants.id))));
}

/** An open restaurant with no offer and one of its available items: something a customer can order. */
export async function orderableItem(db: Database): Promise<{ restaurant: { id: number; slug: string }; itemId: number }> {
  const [restaurant] = await db.select({ id: restaurants.id, slug: restaurants.slug }).from(restaurants).where(openWithoutOffer(db)).limit(1);
  const [item] = await db
    .select({ id: menuItems.id })
    .from(menuItems)
    .where(and(eq(menuItems.restaurantId, restaurant!.id), eq(menuItems.available, true)))
    .limit(1);
  return { restaurant: restaurant!, itemId: item!.id };
}

/** A menu held in memory (no database), as getRestaurantMenu returns it: one open Bengaluru restaurant, its items in one "Mains" section. */
export function menuOf(slug: string, items: MenuItemView[], restaurant: Partial<RestaurantMenu['restaurant']> = {}): RestaurantMenu {
  return {
    restaurant: {
      slug,
      name: slug,
      cuisines: ['South Indian'],
      rating: 4.2,
      ratingCount: 120,
      offer: null,
      deliveryMinutes: 30,
      costForTwo: 300,
      pureVeg: true,
      isOpen: true,
      photoUrl: null,
      area: 'Indiranagar',
      city: { slug: 'bengaluru', name: 'Bengaluru' },
      deliveryFeePaise: 3000,
      packagingFeePaise: 1500,
      ...restaurant,
    },
    categories: [{ name: 'Mains', items }],
  };
}
