import 'server-only';

import { eq } from 'drizzle-orm';

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

/** Whether a customer signed in with this number before (lib/customers/otp.ts's demo outbox rule). */
export async function customerExists(phone: string, db: Database = getDb()): Promise<boolean> {
  const [row] = await db.select({ id: customers.id }).from(customers).where(eq(customers.phone, phone)).limit(1);
  return row !== undefined;
}

/**
 * The new customer with this (normalised) number, or null when the number already has one: one
 * statement, so of two sign-ins racing to open the account only one opens it (the demo outbox's
 * first-browser rule, lib/customers/sign-in.ts).
 */
export async function createCustomer(phone: string, db: Database = getDb()): Promise<number | null> {
  const [row] = await db.insert(customers).values({ phone }).onConflictDoNothing({ target: customers.phone }).returning({ id: customers.id });
  return row?.id ?? null;
}
