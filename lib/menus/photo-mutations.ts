import 'server-only';

import { and, eq, isNotNull, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';

import { cities, menuItems, restaurants } from '@/db/schema';
import { keys } from '@/lib/cache/keys';

import { audit, commitThenInvalidate, itemKeys, type Actor, type Committed, type MutationOutcome } from './mutations';

/**
 * Setting or removing a photo (the bytes are already stored: lib/media). Like every admin write, the
 * change and its audit entry commit together, then exactly the keys that show the photo are
 * invalidated. A photo is not part of the edit forms, so it doesn't bump the row's version: replacing
 * a photo never turns someone's open name or price form into a conflict (the last photo wins).
 */

export type PhotoOutcome = MutationOutcome<{ photoUrl: string | null }>;

/** Whether a restaurant (and, given, its item) exists: checked before an upload is read or stored. */
export async function photoTargetExists(restaurantSlug: string, itemId?: number): Promise<boolean> {
  const rows = await getDb()
    .select({ id: restaurants.id })
    .from(restaurants)
    .leftJoin(menuItems, and(eq(menuItems.restaurantId, restaurants.id), eq(menuItems.id, itemId ?? -1)))
    .where(and(eq(restaurants.slug, restaurantSlug), itemId === undefined ? undefined : isNotNull(menuItems.id)));
  return rows.length > 0;
}

export async function setRestaurantPhoto(actor: Actor, slug: string, photoUrl: string | null): Promise<PhotoOutcome> {
  return commitThenInvalidate<{ photoUrl: string | null }>(async (tx) => {
    const [current] = await tx
      .select({ id: restaurants.id, photoUrl: restaurants.photoUrl, citySlug: cities.slug })
      .from(restaurants)
      .innerJoin(cities, eq(cities.id, restaurants.cityId))
      .where(eq(restaurants.slug, slug))
      .for('update', { of: restaurants });
    if (!current) return { status: 'not-found' };
    await tx.update(restaurants).set({ photoUrl, updatedAt: sql`now()` }).where(eq(restaurants.id, current.id));

    // The cover shows on the menu's header, the city's listing card and search results.
    const derived = [keys.restaurantMenu(slug), keys.cityRestaurants(current.citySlug), keys.citySearch(current.citySlug)];
    return recordChange(tx, actor, { action: 'restaurant.photo', restaurantId: current.id, target: `restaurant:${slug}` }, current.photoUrl, photoUrl, derived);
  });
}

export async function setMenuItemPhoto(actor: Actor, restaurantSlug: string, itemId: number, photoUrl: string | null): Promise<PhotoOutcome> {
  return commitThenInvalidate<{ photoUrl: string | null }>(async (tx) => {
    const [current] = await tx
      .select({ id: menuItems.id, photoUrl: menuItems.photoUrl, restaurantId: restaurants.id, slug: restaurants.slug, citySlug: cities.slug })
      .from(menuItems)
      .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
      .innerJoin(cities, eq(cities.id, restaurants.cityId))
      .where(and(eq(menuItems.id, itemId), eq(restaurants.slug, restaurantSlug)))
      .for('update', { of: menuItems });
    if (!current) return { status: 'not-found' };
    await tx.update(menuItems).set({ photoUrl, updatedAt: sql`now()` }).where(eq(menuItems.id, itemId));

    const entry = { action: 'item.photo', restaurantId: current.restaurantId, target: `menu_item:${itemId}` };
    return recordChange(tx, actor, entry, current.photoUrl, photoUrl, itemKeys(current));
  });
}

/** The audit entry of a photo change (`<action>` or `<action>.remove`), in the change's transaction. */
async function recordChange(
  tx: Database,
  actor: Actor,
  entry: { action: string; restaurantId: number; target: string },
  from: string | null,
  to: string | null,
  derived: string[],
): Promise<Committed<{ photoUrl: string | null }>> {
  const invalidation = await audit(tx, {
    adminId: actor.adminId,
    action: to ? entry.action : `${entry.action}.remove`,
    restaurantId: entry.restaurantId,
    target: entry.target,
    changes: { photoUrl: { from, to } },
    invalidatedKeys: derived,
  });
  return { status: 'committed', value: { photoUrl: to }, invalidation };
}
