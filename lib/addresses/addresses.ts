import 'server-only';

import { and, asc, count, eq, sql } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { customerAddresses } from '@/db/schema';
import { fieldErrorsOf, type FieldErrors } from '@/lib/validation/field-errors';

import { addressSchema, MAX_ADDRESSES, type AddressInput } from './schema';

/** A customer's saved delivery addresses (Postgres only: read at checkout, never cached). */

export interface SavedAddress extends AddressInput {
  id: number;
}

export const addressColumns = {
  id: customerAddresses.id,
  label: customerAddresses.label,
  line1: customerAddresses.line1,
  line2: customerAddresses.line2,
  city: customerAddresses.city,
  pin: customerAddresses.pin,
};

export async function listAddresses(customerId: number, db: Database = getDb()): Promise<SavedAddress[]> {
  return db.select(addressColumns).from(customerAddresses).where(eq(customerAddresses.customerId, customerId)).orderBy(asc(customerAddresses.id));
}

/** One of the customer's addresses; another customer's id is the same null as an unknown one. */
export async function ownAddress(customerId: number, addressId: number, db: Database = getDb()): Promise<SavedAddress | null> {
  if (!Number.isSafeInteger(addressId) || addressId <= 0 || addressId > 2_147_483_647) return null;
  const [row] = await db
    .select(addressColumns)
    .from(customerAddresses)
    .where(and(eq(customerAddresses.id, addressId), eq(customerAddresses.customerId, customerId)));
  return row ?? null;
}

/** The advisory lock class of a customer's saved addresses (two-key form: class, customer id). */
const ADDRESS_LOCK_CLASS = 0x41_44_44_52; // 'ADDR'

export type SaveAddressResult =
  | { status: 'saved'; address: SavedAddress }
  | { status: 'invalid'; fieldErrors: FieldErrors }
  | { status: 'full'; message: string };

export async function saveAddress(customerId: number, input: unknown, db: Database = getDb()): Promise<SaveAddressResult> {
  const parsed = addressSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  return db.transaction(async (tx) => {
    // One add at a time per customer: without this lock every concurrent transaction counted the rows
    // before any other had inserted, so 60 concurrent adds for a customer holding 1 address left 16
    // (sweep finding). The lock is the transaction's: released at its commit or rollback. Its first key
    // names the purpose, so it cannot collide with another advisory lock taken on a customer id.
    await tx.execute(sql`select pg_advisory_xact_lock(${ADDRESS_LOCK_CLASS}, ${customerId})`);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(customerAddresses).where(eq(customerAddresses.customerId, customerId));
    if (total >= MAX_ADDRESSES) return { status: 'full', message: `You can save up to ${MAX_ADDRESSES} addresses: delete one you no longer need, then add this one.` } as const;
    const [row] = await tx.insert(customerAddresses).values({ customerId, ...parsed.data }).returning(addressColumns);
    return { status: 'saved', address: row! } as const;
  });
}
