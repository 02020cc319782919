import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins, auditLog, menuCategories, menuItems, restaurants } from '@/db/schema';
import { keys } from '@/lib/cache/keys';
import { getCityRestaurants, getRestaurantMenu } from '@/lib/menus/cached';
import { createMenuItem, deleteMenuItem, setMenuItemAvailability, updateMenuItem, updateRestaurant, type Actor } from '@/lib/menus/mutations';
import { createMemoryStore } from '@/lib/redis/memory-store';
import type { RedisStore } from '@/lib/redis/types';

import { installBackends } from '../support/app-context';
import { createTestPglite } from '../support/databases';
import { itemForm, openRestaurantItem } from '../support/menus';

/** Admin writes: validated, committed with their audit entry, then every derived key invalidated. */
describe('menu mutations (PGlite + in-process store)', () => {
  let db: DatabaseHandle;
  let redis: RedisStore;
  let actor: Actor;
  let item: typeof menuItems.$inferSelect;
  let slug: string;
  let city: string;

  beforeAll(async () => {
    db = await createTestPglite();
    redis = createMemoryStore();
    installBackends({ redis, database: db });
    const [admin] = await db.db
      .insert(admins)
      .values({ email: 'mutations-test@thali.test', name: 'Mutation Test', passwordHash: 'unused' })
      .returning({ id: admins.id });
    actor = { adminId: admin!.id };
    ({ item, slug, city } = await openRestaurantItem(db.db));
  });

  afterAll(async () => {
    await db.db.delete(auditLog).where(eq(auditLog.adminId, actor.adminId));
    await db.db.delete(admins).where(eq(admins.id, actor.adminId));
    await redis.close();
    await db.close();
  });

  const formFor = (overrides: Record<string, string> = {}) => ({ ...itemForm(item), ...overrides });

  const priceOnMenu = async (itemId: number) =>
    (await getRestaurantMenu(slug)).value!.categories.flatMap((c) => c.items).find((i) => i.id === itemId)?.pricePaise;

  it('saves a price, logs it, invalidates the menu, and the next read shows it', async () => {
    expect(await priceOnMenu(item.id)).toBe(item.pricePaise);
    expect((await getRestaurantMenu(slug)).cache.status).toBe('HIT');

    const outcome = await updateMenuItem(actor, item.id, formFor({ price: '321.50' }));
    const derived = [keys.restaurantMenu(slug), keys.citySearch(city)];
    expect(outcome).toMatchObject({ status: 'saved', invalidation: { ok: true, keys: derived } });

    expect((await getRestaurantMenu(slug)).cache.status).toBe('MISS');
    expect(await priceOnMenu(item.id)).toBe(32150);
    const [entry] = await db.db.select().from(auditLog).where(eq(auditLog.adminId, actor.adminId)).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      action: 'item.update',
      target: `menu_item:${item.id}`,
      changes: { pricePaise: { from: item.pricePaise, to: 32150 } },
      invalidatedKeys: derived,
    });
    item = (await db.db.select().from(menuItems).where(eq(menuItems.id, item.id)))[0]!;
  });

  it('refuses a save from a form opened before someone else saved, and changes nothing', async () => {
    const stale = formFor({ version: String(item.version - 1), price: '1.00' });
    expect(await updateMenuItem(actor, item.id, stale)).toMatchObject({ status: 'conflict' });
    const [row] = await db.db.select().from(menuItems).where(eq(menuItems.id, item.id));
    expect(row).toEqual(item);
  });

  it('marks an item unavailable and available again from the list: versioned, logged, and on the menu at once', async () => {
    const onMenu = async () => (await getRestaurantMenu(slug)).value!.categories.flatMap((c) => c.items).find((i) => i.id === item.id)?.available;
    const start = item.available;
    expect(await onMenu()).toBe(start);
    const derived = [keys.restaurantMenu(slug), keys.citySearch(city)];
    expect(await setMenuItemAvailability(actor, item.id, { version: String(item.version), available: String(!start) })).toMatchObject({
      status: 'saved',
      invalidation: { ok: true, keys: derived },
    });
    expect(await onMenu()).toBe(!start);
    const [entry] = await db.db.select().from(auditLog).where(eq(auditLog.adminId, actor.adminId)).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ action: 'item.update', target: `menu_item:${item.id}`, changes: { available: { from: start, to: !start } }, invalidatedKeys: derived });

    // The page it was pressed on is out of date now: a second press of it changes nothing.
    expect(await setMenuItemAvailability(actor, item.id, { version: String(item.version), available: String(start) })).toMatchObject({ status: 'conflict' });
    expect(await onMenu()).toBe(!start);
    // Input that names no state, or no item, writes nothing.
    expect(await setMenuItemAvailability(actor, item.id, { version: String(item.version + 1), available: 'toggle' })).toMatchObject({ status: 'invalid' });
    expect(await setMenuItemAvailability(actor, 2_000_000_000, { version: '1', available: 'true' })).toEqual({ status: 'not-found' });
    expect(await onMenu()).toBe(!start);

    expect(await setMenuItemAvailability(actor, item.id, { version: String(item.version + 1), available: String(start) })).toMatchObject({ status: 'saved' });
    expect(await onMenu()).toBe(start);
    item = (await db.db.select().from(menuItems).where(eq(menuItems.id, item.id)))[0]!;
  });

  it('answers field errors for invalid input and writes nothing', async () => {
    const auditBefore = await db.db.$count(auditLog);
    const outcome = await updateMenuItem(actor, item.id, formFor({ price: 'abc', name: '  ' }));
    expect(outcome.status).toBe('invalid');
    if (outcome.status === 'invalid') {
      expect(outcome.fieldErrors.price?.[0]).toMatch(/rupees/);
      expect(outcome.fieldErrors.name?.[0]).toMatch(/required/);
    }
    expect((await db.db.select().from(menuItems).where(eq(menuItems.id, item.id)))[0]).toEqual(item);
    expect(await db.db.$count(auditLog)).toBe(auditBefore);
  });

  it('rejects a category of another restaurant', async () => {
    const [foreign] = await db.db
      .select({ id: menuCategories.id })
      .from(menuCategories)
      .where(and(eq(menuCategories.position, 0)))
      .orderBy(desc(menuCategories.restaurantId))
      .limit(1);
    const outcome = await updateMenuItem(actor, item.id, formFor({ categoryId: String(foreign!.id) }));
    expect(outcome).toMatchObject({ status: 'invalid', fieldErrors: { categoryId: [expect.any(String)] } });
  });

  it('renames a restaurant and invalidates its menu, its city listing and its city search', async () => {
    const [restaurant] = await db.db.select().from(restaurants).where(eq(restaurants.slug, slug));
    await getCityRestaurants(city);

    const outcome = await updateRestaurant(actor, slug, {
      version: String(restaurant!.version),
      name: `${restaurant!.name} Express`,
      cuisines: restaurant!.cuisines.join(', '),
      isOpen: 'on',
    });
    expect(outcome).toMatchObject({
      status: 'saved',
      invalidation: { keys: [keys.restaurantMenu(slug), keys.cityRestaurants(city), keys.citySearch(city)] },
    });
    const listing = await getCityRestaurants(city);
    expect(listing.cache.status).toBe('MISS');
    expect(listing.value!.restaurants.find((r) => r.slug === slug)?.name).toBe(`${restaurant!.name} Express`);
  });

  // Review (review2): saves stamped updated_at with the app's clock and their audit entry with Postgres's,
  // so the admin's "updated" time and the audit log's disagreed by the app's clock skew (and by when
  // the statement ran). Both now read the transaction's now().
  it("stamps a save's updated_at with its audit entry's time: one clock, one transaction", async () => {
    const [restaurant] = await db.db.select().from(restaurants).where(eq(restaurants.slug, slug));
    const form = { version: String(restaurant!.version), name: restaurant!.name, cuisines: restaurant!.cuisines.join(', '), isOpen: 'on' };
    expect(await updateRestaurant(actor, slug, form)).toMatchObject({ status: 'saved' });
    const lastEntry = async () =>
      (await db.db.select().from(auditLog).where(eq(auditLog.adminId, actor.adminId)).orderBy(desc(auditLog.id)).limit(1))[0]!;
    const [saved] = await db.db.select().from(restaurants).where(eq(restaurants.slug, slug));
    expect(saved!.updatedAt).toEqual((await lastEntry()).createdAt);

    const [current] = await db.db.select().from(menuItems).where(eq(menuItems.id, item.id));
    expect(await updateMenuItem(actor, item.id, { ...itemForm(current!), price: '99' })).toMatchObject({ status: 'saved' });
    const [savedItem] = await db.db.select().from(menuItems).where(eq(menuItems.id, item.id));
    expect(savedItem!.updatedAt).toEqual((await lastEntry()).createdAt);
    item = savedItem!;
  });

  // Customer walk: a closed restaurant said "Currently closed" and nothing about when to come back.
  it('saves when a closed restaurant opens, which its menu and its city listing say; empty clears it', async () => {
    const save = async (fields: Record<string, string>) => {
      const [restaurant] = await db.db.select().from(restaurants).where(eq(restaurants.slug, slug));
      return updateRestaurant(actor, slug, { version: String(restaurant!.version), name: restaurant!.name, cuisines: restaurant!.cuisines.join(', '), ...fields });
    };
    const auditBefore = await db.db.$count(auditLog);
    const refused = await save({ opensAt: '25:00' });
    expect(refused).toMatchObject({ status: 'invalid', fieldErrors: { opensAt: [expect.stringMatching(/11:00/)] } });
    expect(await db.db.$count(auditLog)).toBe(auditBefore);

    expect(await save({ opensAt: ' 11:30 ' })).toMatchObject({ status: 'saved' });
    expect((await getRestaurantMenu(slug)).value!.restaurant).toMatchObject({ isOpen: false, opensAt: '11:30' });
    expect((await getCityRestaurants(city)).value!.restaurants.find((r) => r.slug === slug)).toMatchObject({ isOpen: false, opensAt: '11:30' });
    const [entry] = await db.db.select().from(auditLog).where(eq(auditLog.adminId, actor.adminId)).orderBy(desc(auditLog.id)).limit(1);
    expect(entry!.changes).toEqual({ isOpen: { from: true, to: false }, opensAt: { from: null, to: '11:30' } });

    // A save that doesn't send it (an older form, a script) leaves it; an empty one clears it.
    expect(await save({ isOpen: 'on' })).toMatchObject({ status: 'saved' });
    expect((await getRestaurantMenu(slug)).value!.restaurant).toMatchObject({ isOpen: true, opensAt: '11:30' });
    const [kept] = await db.db.select().from(auditLog).where(eq(auditLog.adminId, actor.adminId)).orderBy(desc(auditLog.id)).limit(1);
    expect(kept!.changes).toEqual({ isOpen: { from: false, to: true } });
    expect(await save({ isOpen: 'on', opensAt: '' })).toMatchObject({ status: 'saved' });
    expect((await getRestaurantMenu(slug)).value!.restaurant.opensAt).toBeNull();
  });

  it('adds and deletes an item', async () => {
    const created = await createMenuItem(actor, slug, {
      name: 'Test Filter Coffee',
      description: 'Strong',
      price: '45',
      categoryId: String(item.categoryId),
      veg: 'on',
      available: 'on',
    });
    expect(created.status).toBe('saved');
    if (created.status !== 'saved') return;
    expect(await priceOnMenu(created.value.id)).toBe(4500);

    expect(await deleteMenuItem(actor, created.value.id, { version: '99' })).toMatchObject({ status: 'conflict' });
    expect(await deleteMenuItem(actor, created.value.id, { version: String(created.value.version) })).toMatchObject({ status: 'saved' });
    expect(await priceOnMenu(created.value.id)).toBeUndefined();
  });
});
