import 'server-only';

import { and, asc, count, eq } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { customerAddresses } from '@/db/schema';

import { addressSchema, fieldErrorsOf, MAX_ADDRESSES, type AddressInput } from './schema';

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

export type SaveAddressResult =
  | { status: 'saved'; address: SavedAddress }
  | { status: 'invalid'; fieldErrors: Record<string, string[]> }
  | { status: 'full'; message: string };

export async function saveAddress(customerId: number, input: unknown, db: Database = getDb()): Promise<SaveAddressResult> {
  const parsed = addressSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    // The count and the insert in one transaction; a race past the cap by one or two rows is harmless.
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(customerAddresses).where(eq(customerAddresses.customerId, customerId));
    if (total >= MAX_ADDRESSES) return { status: 'full', message: `You can save up to ${MAX_ADDRESSES} addresses: delete one you no longer need, then add this one.` } as const;
    const [row] = await tx.insert(customerAddresses).values({ customerId, ...parsed.data }).returning(addressColumns);
    return { status: 'saved', address: row! } as const;
  });
}
