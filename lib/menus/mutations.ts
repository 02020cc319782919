import 'server-only';

import { and, eq, sql } from 'drizzle-orm';

import type { Database } from '@/db/client';
import { auditLog, cities, menuCategories, menuItems, restaurants } from '@/db/schema';
import { keys } from '@/lib/cache/keys';
import { recordInvalidation, type InvalidationOutcome, type PendingInvalidation } from '@/lib/cache/outbox';
import { applyCommitted } from '@/lib/cache/outbox-retry';
import { outboxTransaction } from '@/lib/cache/outbox-transaction';

import { fieldErrorsOf, type FieldErrors } from '@/lib/validation/field-errors';

import { menuItemAvailabilitySchema, menuItemDeleteSchema, menuItemFieldsSchema, menuItemUpdateSchema, restaurantUpdateSchema } from './admin-schemas';

/**
 * Admin writes. Each one validates (nothing invalid is written), commits the change, its audit entry
 * and the cache keys it must invalidate (the invalidation outbox) in one Postgres transaction, and then
 * invalidates those keys; what Redis does not take is retried until it has been (lib/cache/outbox.ts).
 * A form carries the row's version; a save over a newer version is a conflict and overwrites nothing.
 */

export interface Actor {
  adminId: number;
}

export type MutationOutcome<T> =
  | { status: 'saved'; value: T; invalidation: InvalidationOutcome }
  | { status: 'invalid'; fieldErrors: FieldErrors }
  | { status: 'conflict'; message: string }
  | { status: 'not-found' };

export type Committed<T> = { status: 'committed'; value: T; invalidation: PendingInvalidation } | Exclude<MutationOutcome<T>, { status: 'saved' }>;

const CONFLICT = 'Someone else saved this since you opened the form. Reload to see their changes, then edit again.';

export async function commitThenInvalidate<T>(work: (tx: Database) => Promise<Committed<T>>): Promise<MutationOutcome<T>> {
  const result = await outboxTransaction(work);
  if (result.status !== 'committed') return result;
  return { status: 'saved', value: result.value, invalidation: await applyCommitted(result.invalidation) };
}

/** The audit entry and the keys it invalidates, in the change's transaction. */
export async function audit(tx: Database, entry: typeof auditLog.$inferInsert & { invalidatedKeys: string[] }): Promise<PendingInvalidation> {
  const [row] = await tx.insert(auditLog).values(entry).returning({ id: auditLog.id });
  return recordInvalidation(tx, entry.invalidatedKeys, row!.id);
}

/** Only the fields that changed, as `{ field: { from, to } }`, for the audit log. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [field, to] of Object.entries(after)) {
    // A field the save did not send is left as it is (the opening time, from a caller without it).
    if (to === undefined) continue;
    const from = before[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

export async function updateRestaurant(actor: Actor, slug: string, input: unknown) {
  const parsed = restaurantUpdateSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) } as const;
  const { version, ...fields } = parsed.data;

  return commitThenInvalidate(async (tx) => {
    const [current] = await tx
      .select({
        id: restaurants.id,
        name: restaurants.name,
        cuisines: restaurants.cuisines,
        isOpen: restaurants.isOpen,
        opensAt: restaurants.opensAt,
        citySlug: cities.slug,
      })
      .from(restaurants)
      .innerJoin(cities, eq(cities.id, restaurants.cityId))
      .where(eq(restaurants.slug, slug));
    if (!current) return { status: 'not-found' };

    const [updated] = await tx
      .update(restaurants)
      .set({ ...fields, version: sql`${restaurants.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(restaurants.id, current.id), eq(restaurants.version, version)))
      .returning({ version: restaurants.version });
    if (!updated) return { status: 'conflict', message: CONFLICT };

    // The name, cuisines, open state and opening time show on the menu, the city's listing and its search results.
    const derived = [keys.restaurantMenu(slug), keys.cityRestaurants(current.citySlug), keys.citySearch(current.citySlug)];
    const invalidation = await audit(tx, {
      adminId: actor.adminId,
      action: 'restaurant.update',
      restaurantId: current.id,
      target: `restaurant:${slug}`,
      changes: diff({ name: current.name, cuisines: current.cuisines, isOpen: current.isOpen, opensAt: current.opensAt }, fields),
      invalidatedKeys: derived,
    });
    return { status: 'committed', value: { version: updated.version }, invalidation };
  });
}

/** An item shows on its restaurant's menu and in its city's search results (name, price, veg, availability…). */
export function itemKeys(restaurant: { slug: string; citySlug: string }): string[] {
  return [keys.restaurantMenu(restaurant.slug), keys.citySearch(restaurant.citySlug)];
}

/** The restaurant an item or category belongs to, for checks and for the keys to invalidate. */
async function restaurantOfCategory(tx: Database, categoryId: number) {
  const [row] = await tx
    .select({ restaurantId: menuCategories.restaurantId, slug: restaurants.slug, citySlug: cities.slug })
    .from(menuCategories)
    .innerJoin(restaurants, eq(restaurants.id, menuCategories.restaurantId))
    .innerJoin(cities, eq(cities.id, restaurants.cityId))
    .where(eq(menuCategories.id, categoryId));
  return row;
}

export async function createMenuItem(actor: Actor, restaurantSlug: string, input: unknown) {
  const parsed = menuItemFieldsSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) } as const;
  const { price, ...fields } = parsed.data;

  return commitThenInvalidate(async (tx) => {
    const owner = await restaurantOfCategory(tx, fields.categoryId);
    if (!owner || owner.slug !== restaurantSlug) return { status: 'invalid', fieldErrors: { categoryId: ['Choose one of this restaurant’s categories'] } };

    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${menuItems.position}), -1)::int + 1` })
      .from(menuItems)
      .where(eq(menuItems.categoryId, fields.categoryId));
    const inserted = await tx
      .insert(menuItems)
      .values({ ...fields, pricePaise: price, restaurantId: owner.restaurantId, position: next })
      .onConflictDoNothing()
      .returning({ id: menuItems.id, version: menuItems.version });
    const [item] = inserted;
    if (!item) return { status: 'invalid', fieldErrors: { name: ['This restaurant already has an item with that name'] } };

    const derived = itemKeys(owner);
    const invalidation = await audit(tx, {
      adminId: actor.adminId,
      action: 'item.create',
      restaurantId: owner.restaurantId,
      target: `menu_item:${item.id}`,
      changes: { ...fields, pricePaise: price },
      invalidatedKeys: derived,
    });
    return { status: 'committed', value: item, invalidation };
  });
}

export async function updateMenuItem(actor: Actor, itemId: number, input: unknown) {
  const parsed = menuItemUpdateSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) } as const;
  const { version, price, ...rest } = parsed.data;
  const fields = { ...rest, pricePaise: price };

  return commitThenInvalidate(async (tx) => {
    const [current] = await tx.select().from(menuItems).where(eq(menuItems.id, itemId));
    if (!current) return { status: 'not-found' };
    const owner = await restaurantOfCategory(tx, fields.categoryId);
    if (!owner || owner.restaurantId !== current.restaurantId) {
      return { status: 'invalid', fieldErrors: { categoryId: ['Choose one of this restaurant’s categories'] } };
    }

    const [updated] = await tx
      .update(menuItems)
      .set({ ...fields, version: sql`${menuItems.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(menuItems.id, itemId), eq(menuItems.version, version)))
      .returning({ version: menuItems.version });
    if (!updated) return { status: 'conflict', message: CONFLICT };

    const derived = itemKeys(owner);
    const invalidation = await audit(tx, {
      adminId: actor.adminId,
      action: 'item.update',
      restaurantId: current.restaurantId,
      target: `menu_item:${itemId}`,
      changes: diff(current, fields),
      invalidatedKeys: derived,
    });
    return { status: 'committed', value: { id: itemId, version: updated.version }, invalidation };
  });
}

/**
 * One item in or out of stock from the menu list, without opening its edit form (customer walk: an
 * admin whose kitchen ran out of a dish mid-service had Edit, untick Available, Save, back, per dish).
 * The same version check, audit entry and invalidation as a full save, for this one field.
 */
export async function setMenuItemAvailability(actor: Actor, itemId: number, input: unknown) {
  const parsed = menuItemAvailabilitySchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) } as const;
  const { version, available } = parsed.data;

  return commitThenInvalidate(async (tx) => {
    const [current] = await tx
      .select({ restaurantId: menuItems.restaurantId, available: menuItems.available, slug: restaurants.slug, citySlug: cities.slug })
      .from(menuItems)
      .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
      .innerJoin(cities, eq(cities.id, restaurants.cityId))
      .where(eq(menuItems.id, itemId));
    if (!current) return { status: 'not-found' };

    const [updated] = await tx
      .update(menuItems)
      .set({ available, version: sql`${menuItems.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(menuItems.id, itemId), eq(menuItems.version, version)))
      .returning({ version: menuItems.version });
    if (!updated) return { status: 'conflict', message: CONFLICT };

    const derived = itemKeys(current);
    const invalidation = await audit(tx, {
      adminId: actor.adminId,
      action: 'item.update',
      restaurantId: current.restaurantId,
      target: `menu_item:${itemId}`,
      changes: diff({ available: current.available }, { available }),
      invalidatedKeys: derived,
    });
    return { status: 'committed', value: { id: itemId, version: updated.version }, invalidation };
  });
}

export async function deleteMenuItem(actor: Actor, itemId: number, input: unknown) {
  const parsed = menuItemDeleteSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) } as const;

  return commitThenInvalidate(async (tx) => {
    const [current] = await tx
      .select({ item: menuItems, slug: restaurants.slug, citySlug: cities.slug })
      .from(menuItems)
      .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
      .innerJoin(cities, eq(cities.id, restaurants.cityId))
      .where(eq(menuItems.id, itemId));
    if (!current) return { status: 'not-found' };

    const deleted = await tx
      .delete(menuItems)
      .where(and(eq(menuItems.id, itemId), eq(menuItems.version, parsed.data.version)))
      .returning({ id: menuItems.id });
    if (deleted.length === 0) return { status: 'conflict', message: CONFLICT };

    const derived = itemKeys(current);
    const { name, pricePaise, categoryId } = current.item;
    const invalidation = await audit(tx, {
      adminId: actor.adminId,
      action: 'item.delete',
      restaurantId: current.item.restaurantId,
      target: `menu_item:${itemId}`,
      changes: { name, pricePaise, categoryId },
      invalidatedKeys: derived,
    });
    return { status: 'committed', value: { id: itemId }, invalidation };
  });
}
