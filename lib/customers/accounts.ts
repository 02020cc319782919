import 'server-only';

import { getDb, type Database } from '@/db/client';
import { customers } from '@/db/schema';

/** The customer with this (normalised) number, created on first sign-in. One statement, race-free. */
export async function customerIdFor(phone: string, db: Database = getDb()): Promise<number> {
  const [row] = await db
    .insert(customers)
    .values({ phone })
    // A no-op update so RETURNING also answers for an existing customer.
    .onConflictDoUpdate({ target: customers.phone, set: { phone } })
    .returning({ id: customers.id });
  return row!.id;
}
