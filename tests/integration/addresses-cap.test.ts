import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { customerAddresses } from '@/db/schema';
import { saveAddress } from '@/lib/addresses/addresses';
import { MAX_ADDRESSES } from '@/lib/addresses/schema';
import { customerIdFor } from '@/lib/customers/accounts';

import { createTestPglite, createTestPostgres } from '../support/databases';
import { IN_CI, missing, postgresAvailable, TEST_POSTGRES_URL } from '../support/services';

/**
 * The saved-address cap under concurrency (sweep finding): 60 concurrent adds for a customer holding
 * one address once left 16 rows on real Postgres, each transaction counting before any other had
 * inserted. saveAddress serialises a customer's adds on an advisory lock, so the cap holds exactly.
 */
const postgresUp = IN_CI || (await postgresAvailable());
const realReason = postgresUp ? undefined : missing(`Postgres at ${TEST_POSTGRES_URL}`);

const HOME = { label: 'Home', line1: 'Flat 4B, 12 MG Road', line2: 'Indiranagar', city: 'Bengaluru', pin: '560038' };

const backends = [
  { name: 'PGlite', available: true, reason: undefined as string | undefined, create: () => createTestPglite() },
  { name: 'Postgres', available: !realReason, reason: realReason, create: () => createTestPostgres('addresses_cap') },
];

for (const backend of backends) {
  describe.skipIf(!backend.available)(`the saved-address cap on ${backend.name}${backend.reason ? ` (skipped: ${backend.reason})` : ''}`, () => {
    let database: DatabaseHandle;
    beforeAll(async () => {
      database = await backend.create();
    });
    afterAll(async () => {
      await database?.close();
    });

    const saved = async (customerId: number) =>
      (await database.db.select({ total: count() }).from(customerAddresses).where(eq(customerAddresses.customerId, customerId)))[0]!.total;

    it(`60 concurrent adds for a customer holding one address save exactly ${MAX_ADDRESSES - 1} more; the rest are told the list is full`, async () => {
      const customerId = await customerIdFor(`98765${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`, database.db);
      expect((await saveAddress(customerId, HOME, database.db)).status).toBe('saved');
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, index) => saveAddress(customerId, { ...HOME, label: `Place ${index}` }, database.db)),
      );
      const statuses = results.map((result) => result.status);
      expect(statuses.filter((status) => status === 'saved')).toHaveLength(MAX_ADDRESSES - 1);
      expect(statuses.filter((status) => status === 'full')).toHaveLength(60 - (MAX_ADDRESSES - 1));
      expect(await saved(customerId)).toBe(MAX_ADDRESSES);
    });

    it('another customer’s adds are not held back by the lock', async () => {
      const [first, second] = await Promise.all([
        customerIdFor(`98764${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`, database.db),
        customerIdFor(`98763${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`, database.db),
      ]);
      const results = await Promise.all([first, second].flatMap((customerId) => [1, 2, 3].map(() => saveAddress(customerId, HOME, database.db))));
      expect(results.every((result) => result.status === 'saved')).toBe(true);
      expect([await saved(first), await saved(second)]).toEqual([3, 3]);
    });
  });
}
