import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';

import { orderItems, orders, restaurants } from '@/db/schema';
import { customerIdFor } from '@/lib/customers/accounts';
import { createTestPglite } from '@/tests/support/databases';
import { planWithoutSorting } from '@/tests/support/query-plan';

import {
  countRestaurantOrdersOnTheirWay,
  listRestaurantOrders,
  listRestaurantOrderStates,
  restaurantOrderStatesStatement,
  restaurantOrdersStatement,
} from './restaurant-orders';

// Admin walk: an admin could edit a restaurant's menu but not see a single one of its orders.
describe("a restaurant's orders on its admin page (PGlite)", () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestPglite();
  });
  afterAll(async () => {
    await database.close();
  });

  it('lists only its own orders, newest first, with dishes summed, up to the limit', async () => {
    const [mine, other] = await database.db.select({ id: restaurants.id }).from(restaurants).limit(2);
    const customerId = await customerIdFor('9876500011', database.db);
    const at = (minutes: number) => new Date(Date.UTC(2026, 11, 7, 6, minutes));
    const place = async (id: string, restaurantId: number, minutes: number, status: 'placed' | 'delivered' | 'cancelled', quantities: number[]) => {
      await database.db.insert(orders).values({
        id,
        customerId,
        restaurantId,
        status,
        totalPaise: 50_000,
        idempotencyKey: id,
        deliveryAddress: 'Home: 12 MG Road, Bengaluru 560001',
        etaAt: at(minutes + 30),
        createdAt: at(minutes),
      });
      await database.db.insert(orderItems).values(quantities.map((quantity, position) => ({ orderId: id, name: `Dish ${position}`, pricePaise: 10_000, quantity, position })));
    };
    await place('restaurantOrdersTest0001', mine!.id, 1, 'delivered', [2, 1]);
    await place('restaurantOrdersTest0002', mine!.id, 5, 'placed', [1]);
    await place('restaurantOrdersTest0003', other!.id, 3, 'placed', [4]);
    await place('restaurantOrdersTest0004', mine!.id, 3, 'cancelled', [1, 1, 1]);

    const listed = await listRestaurantOrders(mine!.id, 30, database.db);
    const quantity = (order: (typeof listed)[number]) => order.dishes.reduce((sum, dish) => sum + dish.quantity, 0);
    expect(listed.map((order) => [order.id, order.status, quantity(order)])).toEqual([
      ['restaurantOrdersTest0002', 'placed', 1],
      ['restaurantOrdersTest0004', 'cancelled', 3],
      ['restaurantOrdersTest0001', 'delivered', 3],
    ]);
    expect(listed[0]).toMatchObject({ totalPaise: 50_000, deliveryAddress: 'Home: 12 MG Road, Bengaluru 560001', deliveryInstructions: null, etaAt: at(35), createdAt: at(5) });
    // What each holds, in the order the customer added them, for the kitchen.
    expect(listed[1]!.dishes).toEqual([
      { name: 'Dish 0', quantity: 1 },
      { name: 'Dish 1', quantity: 1 },
      { name: 'Dish 2', quantity: 1 },
    ]);
    expect(listed[2]!.dishes).toEqual([
      { name: 'Dish 0', quantity: 2 },
      { name: 'Dish 1', quantity: 1 },
    ]);
    expect((await listRestaurantOrders(mine!.id, 2, database.db)).map((order) => order.id)).toEqual(['restaurantOrdersTest0002', 'restaurantOrdersTest0004']);
    expect(await listRestaurantOrders(-1, 30, database.db)).toEqual([]);
    // All on their way, listed or not: an older order still cooking beyond the page is counted.
    await place('restaurantOrdersTest0005', mine!.id, 0, 'placed', [1]);
    expect((await listRestaurantOrders(mine!.id, 2, database.db)).map((order) => order.id)).not.toContain('restaurantOrdersTest0005');
    expect(await countRestaurantOrdersOnTheirWay(mine!.id, database.db)).toBe(2);
    expect(await countRestaurantOrdersOnTheirWay(other!.id, database.db)).toBe(1);

    // What the admin page's watch polls: the same window's ids and steps, by the restaurant's slug.
    const [{ slug } = { slug: '' }] = await database.db.select({ slug: restaurants.slug }).from(restaurants).where(eq(restaurants.id, mine!.id));
    expect(await listRestaurantOrderStates(slug, 2, database.db)).toEqual([
      { id: 'restaurantOrdersTest0002', status: 'placed' },
      { id: 'restaurantOrdersTest0004', status: 'cancelled' },
    ]);
    expect(await listRestaurantOrderStates('no-such-restaurant', 30, database.db)).toEqual([]);
  });

  // Review: sorted by created_at alone, orders placed in the same instant came back in whichever order
  // Postgres read them, so the row at the window's edge could differ between the listing and its watch
  // and the watch announced a "new order" that wasn't. Ties now go by id, newest (highest) first.
  it('breaks ties on the time placed by id, the listing and its watch alike', async () => {
    const [, , third] = await database.db.select({ id: restaurants.id, slug: restaurants.slug }).from(restaurants).limit(3);
    const customerId = await customerIdFor('9876500012', database.db);
    const sameInstant = new Date(Date.UTC(2026, 11, 7, 7, 0));
    // Inserted lowest id first: read in the order stored, the lower id came first.
    for (const id of ['tieBreakTest0000000001', 'tieBreakTest0000000003', 'tieBreakTest0000000002']) {
      await database.db.insert(orders).values({ id, customerId, restaurantId: third!.id, status: 'placed', totalPaise: 50_000, idempotencyKey: id, createdAt: sameInstant });
    }
    const expected = ['tieBreakTest0000000003', 'tieBreakTest0000000002'];
    expect((await listRestaurantOrders(third!.id, 2, database.db)).map((order) => order.id)).toEqual(expected);
    expect((await listRestaurantOrderStates(third!.slug, 2, database.db)).map((order) => order.id)).toEqual(expected);
  });

  it('reads only the latest orders through the (restaurant, created, id) index, sorting none (EXPLAIN)', async () => {
    // Sorting forbidden unless nothing else can answer: ORDER BY created_at DESC (NULLS FIRST) against
    // the index's DESC NULLS LAST read all of a restaurant's orders and sorted them on every view.
    const plan = await planWithoutSorting(database.db, restaurantOrdersStatement(1, 30, database.db));
    expect(plan).toContain('orders_restaurant_created_idx');
    expect(plan).not.toMatch(/\bSort\b/);
  });

  it("polls the latest orders' steps through the same index, sorting none (EXPLAIN)", async () => {
    const plan = await planWithoutSorting(database.db, restaurantOrderStatesStatement('any-restaurant', 30, database.db));
    expect(plan).toContain('orders_restaurant_created_idx');
    expect(plan).not.toMatch(/\bSort\b/);
  });
});
