import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { sql } from 'drizzle-orm';

import { createTestPglite } from '@/tests/support/databases';

import { ownOrdersStatement } from './queries';

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
    // Sorting forbidden unless nothing else can answer, so a plan that needs a Sort shows one.
    await database.db.execute(sql`set enable_sort = off`);
    try {
      const raw = (await database.db.execute(sql`explain ${ownOrdersStatement(1, 50, database.db)}`)) as unknown;
      const rows = (Array.isArray(raw) ? raw : (raw as { rows: unknown[] }).rows) as Record<string, string>[];
      const plan = rows.map((row) => Object.values(row)[0]).join('\n');
      expect(plan).toContain('orders_customer_created_idx');
      expect(plan).not.toMatch(/\bSort\b/);
    } finally {
      await database.db.execute(sql`reset enable_sort`);
    }
  });
});
