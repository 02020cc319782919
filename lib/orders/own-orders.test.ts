import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';

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

  it('are read through the (customer, created) index, sorting none (EXPLAIN)', async () => {
    const plan = await planWithoutSorting(database.db, ownOrdersStatement(1, 50, database.db));
    expect(plan).toContain('orders_customer_created_idx');
    expect(plan).not.toMatch(/\bSort\b/);
  });

  it("/account's poll of its active orders reads the same window through the same index, sorting none (EXPLAIN)", async () => {
    const plan = await planWithoutSorting(database.db, ownOrderStatesStatement(1, 50, database.db));
    expect(plan).toContain('orders_customer_created_idx');
    expect(plan).not.toMatch(/\bSort\b/);
  });
});
