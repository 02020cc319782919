import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { orders, restaurants } from '@/db/schema';
import { customerIdFor } from '@/lib/customers/accounts';

import { createTestPglite } from '@/tests/support/databases';
import { planWithoutSorting } from '@/tests/support/query-plan';

import { ownOrdersStatement, ownOrderStatesStatement } from './queries';

// Review: the admin orders list sorted a restaurant's whole history on every view (ORDER BY DESC is
// NULLS FIRST, the index DESC NULLS LAST); the customer's own list on /account and checkout did the same.
describe("a customer's own orders (PGlite)", () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestPglite();
  });
  afterAll(async () => {
    await database.close();
  });

  // As for a restaurant's (restaurant-orders.test.ts): sorted by created_at alone, orders placed in the
  // same instant came back in whichever order Postgres read them, and /account's poll, which compares
  // its window with the page's, could see a change that was only the tie swapping.
  it('break ties on the time placed by id, the listing and its poll alike', async () => {
    const [restaurant] = await database.db.select({ id: restaurants.id }).from(restaurants).limit(1);
    const customerId = await customerIdFor('9876500013', database.db);
    const sameInstant = new Date(Date.UTC(2026, 11, 7, 7, 0));
    // Inserted lowest id first: read in the order stored, the lower id came first.
    for (const id of ['ownTieBreakTest0000001', 'ownTieBreakTest0000003', 'ownTieBreakTest0000002']) {
      await database.db.insert(orders).values({ id, customerId, restaurantId: restaurant!.id, status: 'placed', totalPaise: 50_000, idempotencyKey: id, createdAt: sameInstant });
    }
    const expected = ['ownTieBreakTest0000003', 'ownTieBreakTest0000002'];
    expect((await ownOrdersStatement(customerId, 2, database.db)).map((order) => order.id)).toEqual(expected);
    expect((await ownOrderStatesStatement(customerId, 2, database.db)).map((order) => order.id)).toEqual(expected);
  });

  it('are read through the (customer, created, id) index, sorting none (EXPLAIN)', async () => {
    const plan = await planWithoutSorting(database.db, ownOrdersStatement(1, 50, database.db));
    expect(plan).toContain('orders_customer_created_id_idx');
    expect(plan).not.toMatch(/\bSort\b/);
  });

  it("/account's poll of its active orders reads the same window through the same index, sorting none (EXPLAIN)", async () => {
    const plan = await planWithoutSorting(database.db, ownOrderStatesStatement(1, 50, database.db));
    expect(plan).toContain('orders_customer_created_id_idx');
    expect(plan).not.toMatch(/\bSort\b/);
  });
});
