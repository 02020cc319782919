import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { admins, auditLog, cities, menuCategories, menuItems, restaurants } from '@/db/schema';
import { createTestPglite } from '@/tests/support/databases';
import { planWithoutSorting } from '@/tests/support/query-plan';

import {
  auditByActionStatement,
  escapeLike,
  loadAuditByAction,
  loadRestaurantAudit,
  loadRestaurantForEdit,
  restaurantAuditStatement,
  searchRestaurants,
} from './admin-queries';

describe('admin queries (PGlite)', () => {
  let database: DatabaseHandle;
  let restaurantId: number;
  let adminId: number;

  beforeAll(async () => {
    database = await createTestPglite();
    const { db } = database;
    // Fixtures of this file's own, in a city of their own so seeded names can't interfere.
    const [city] = await db.insert(cities).values({ slug: 'adminpur', name: 'Adminpur', state: 'Testing' }).returning();
    const base = { cityId: city!.id, area: 'Old Town', rating: 4, deliveryMinutes: 30, costForTwo: 400 };
    const inserted = await db
      .insert(restaurants)
      .values([
        { ...base, slug: 'dosa-corner', name: 'Dosa Corner', cuisines: ['South Indian', 'Snacks'] },
        { ...base, slug: 'fifty-percent', name: '50% Off Biryani', cuisines: ['Biryani'] },
        { ...base, slug: 'under-score', name: 'Under_Score Cafe', cuisines: ['Cafe'] },
        { ...base, slug: 'bombay-bites', name: 'Bombay Bites', cuisines: ['Street Food', 'Chaat'] },
      ])
      .returning({ id: restaurants.id, slug: restaurants.slug });
    restaurantId = inserted.find((row) => row.slug === 'dosa-corner')!.id;

    const [breakfast, empty, mains] = await db
      .insert(menuCategories)
      .values([
        { restaurantId, name: 'Breakfast', position: 0 },
        { restaurantId, name: 'Specials', position: 1 },
        { restaurantId, name: 'Mains', position: 2 },
      ])
      .returning({ id: menuCategories.id });
    const item = { restaurantId, veg: true, description: '' };
    await db.insert(menuItems).values([
      { ...item, categoryId: mains!.id, name: 'Thali', pricePaise: 25000, position: 0 },
      { ...item, categoryId: breakfast!.id, name: 'Masala Dosa', pricePaise: 9000, position: 1 },
      { ...item, categoryId: breakfast!.id, name: 'Idli', pricePaise: 6000, position: 0 },
    ]);
    void empty;

    const [admin] = await db
      .insert(admins)
      .values({ email: 'queries-test@thali.test', name: 'Queries', passwordHash: 'unused' })
      .returning({ id: admins.id });
    adminId = admin!.id;
  });

  afterAll(async () => {
    await database.close();
  });

  it('escapes LIKE metacharacters', () => {
    expect(escapeLike('50%_\\x')).toBe('50\\%\\_\\\\x');
  });

  it('lists a city’s restaurants by name, with item counts', async () => {
    const result = await searchRestaurants(database.db, 'adminpur');
    expect(result?.city).toEqual({ slug: 'adminpur', name: 'Adminpur' });
    expect(result?.restaurants.map((row) => row.name)).toEqual(['50% Off Biryani', 'Bombay Bites', 'Dosa Corner', 'Under_Score Cafe']);
    expect(result?.restaurants.find((row) => row.slug === 'dosa-corner')).toMatchObject({ itemCount: 3, isOpen: true });
  });

  it('finds a restaurant in any city when no city is chosen, naming each row’s city', async () => {
    const result = await searchRestaurants(database.db, null, 'dosa');
    expect(result?.city).toBeNull();
    expect(result?.restaurants.map((row) => [row.slug, row.city])).toEqual([['dosa-corner', { slug: 'adminpur', name: 'Adminpur' }]]);
  });

  it('answers null for an unknown city', async () => {
    expect(await searchRestaurants(database.db, 'atlantis')).toBeNull();
  });

  it('searches names and cuisines, ignoring case', async () => {
    const names = async (search: string) => (await searchRestaurants(database.db, 'adminpur', search))!.restaurants.map((row) => row.slug);
    expect(await names('DOSA')).toEqual(['dosa-corner']);
    expect(await names('chaat')).toEqual(['bombay-bites']);
    expect(await names('  indian ')).toEqual(['dosa-corner']);
    expect(await names('nothing like this')).toEqual([]);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const names = async (search: string) => (await searchRestaurants(database.db, 'adminpur', search))!.restaurants.map((row) => row.slug);
    expect(await names('%')).toEqual(['fifty-percent']);
    expect(await names('_')).toEqual(['under-score']);
    expect(await names('r_s')).toEqual(['under-score']);
    // Unescaped, "_" would match any one character and "o_a" would find "Dosa".
    expect(await names('o_a')).toEqual([]);
  });

  it('finds nothing for a search with a NUL in it, without asking Postgres (which refuses the byte: the page logged a failed query)', async () => {
    const names = async (search: string) => (await searchRestaurants(database.db, 'adminpur', search))!.restaurants.map((row) => row.slug);
    expect(await names('dosa\u0000')).toEqual([]);
    expect(await names('\u0000')).toEqual([]);
    expect(await searchRestaurants(database.db, null, 'a\u0000b')).toEqual({ city: null, restaurants: [] });
  });

  it('loads a restaurant for editing with every category in order, empty ones too, and item versions', async () => {
    const restaurant = await loadRestaurantForEdit(database.db, 'dosa-corner');
    expect(restaurant).toMatchObject({ slug: 'dosa-corner', version: 1, city: { slug: 'adminpur', name: 'Adminpur' } });
    expect(restaurant!.categories.map((category) => [category.name, category.items.map((item) => item.name)])).toEqual([
      ['Breakfast', ['Idli', 'Masala Dosa']],
      ['Specials', []],
      ['Mains', ['Thali']],
    ]);
    expect(restaurant!.categories[0]!.items[0]).toMatchObject({ pricePaise: 6000, version: 1, veg: true, available: true });
    expect(await loadRestaurantForEdit(database.db, 'no-such-place')).toBeNull();
  });

  it('returns the restaurant’s latest 50 audit entries, newest first, with the admin’s email', async () => {
    const { db } = database;
    const started = Date.now();
    const rows = Array.from({ length: 55 }, (_, i) => ({
      adminId: i === 54 ? null : adminId,
      action: 'item.update',
      restaurantId,
      target: `menu_item:${i}`,
      changes: { pricePaise: { from: i, to: i + 1 } },
      invalidatedKeys: ['menu:v1:restaurant:{dosa-corner}'],
      createdAt: new Date(started + i * 1000),
    }));
    await db.insert(auditLog).values(rows);
    await db.insert(auditLog).values({ adminId, action: 'cache.purge', target: 'namespace:menu', restaurantId: null });

    const audit = await loadRestaurantAudit(db, restaurantId);
    expect(audit).toHaveLength(50);
    expect(audit[0]).toMatchObject({ target: 'menu_item:54', adminEmail: null, invalidatedKeys: ['menu:v1:restaurant:{dosa-corner}'] });
    expect(audit[1]).toMatchObject({ target: 'menu_item:53', adminEmail: 'queries-test@thali.test', changes: { pricePaise: { from: 53, to: 54 } } });
    expect(audit.at(-1)!.target).toBe('menu_item:5');

    const purges = await loadAuditByAction(db, 'cache.purge');
    expect(purges.map((row) => row.target)).toEqual(['namespace:menu']);
    await db.delete(auditLog).where(eq(auditLog.restaurantId, restaurantId));
  });

  // Review: ORDER BY created_at DESC, id DESC is NULLS FIRST and has a tie-break; the indexes were
  // (restaurant, created DESC NULLS LAST) and (created DESC NULLS LAST), so each view of a restaurant's
  // history sorted all of it, and the purges list read every entry of every kind to find ten purges.
  it("reads a restaurant's history and one action's entries through their indexes, sorting none (EXPLAIN)", async () => {
    const restaurantPlan = await planWithoutSorting(database.db, restaurantAuditStatement(database.db, restaurantId, 50));
    expect(restaurantPlan).toContain('audit_log_restaurant_created_idx');
    expect(restaurantPlan).not.toMatch(/\bSort\b/);
    const purgesPlan = await planWithoutSorting(database.db, auditByActionStatement(database.db, 'cache.purge', 10));
    expect(purgesPlan).toContain('audit_log_action_created_idx');
    expect(purgesPlan).not.toMatch(/\bSort\b/);
    // Several actions (the Team page's) come from the index too; only their own entries are sorted.
    const teamPlan = await planWithoutSorting(database.db, auditByActionStatement(database.db, ['admin.create', 'admin.delete'], 30));
    expect(teamPlan).toContain('audit_log_action_created_idx');
  });
});
