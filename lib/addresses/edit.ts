import 'server-only';

import { and, eq } from 'drizzle-orm';

import { getDb, type Database } from '@/db/client';
import { customerAddresses } from '@/db/schema';

import { fieldErrorsOf, type FieldErrors } from '@/lib/validation/field-errors';

import { addressColumns, type SavedAddress } from './addresses';
import { ADDRESS_NOTICES } from './form';
import { addressIdSchema, addressSchema } from './schema';

/**
 * Editing and deleting a saved address. Every statement is scoped to the customer's own rows, so
 * another customer's id matches nothing and reads as "not found", exactly like an unknown id. Orders
 * keep the text copy made at checkout (orders.delivery_address), so neither touches a past order.
 */

export const ADDRESS_NOT_FOUND = ADDRESS_NOTICES['not-found'].text;

export type UpdateAddressResult =
  | { status: 'saved'; address: SavedAddress }
  | { status: 'invalid'; fieldErrors: FieldErrors }
  | { status: 'not-found'; message: string };

export async function updateAddress(
  customerId: number,
  addressId: unknown,
  input: unknown,
  db: Database = getDb(),
): Promise<UpdateAddressResult> {
  const id = addressIdSchema.safeParse(addressId);
  if (!id.success) return { status: 'not-found', message: ADDRESS_NOT_FOUND };
  const parsed = addressSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  const [row] = await db
    .update(customerAddresses)
    .set(parsed.data)
    .where(and(eq(customerAddresses.id, id.data), eq(customerAddresses.customerId, customerId)))
    .returning(addressColumns);
  return row ? { status: 'saved', address: row } : { status: 'not-found', message: ADDRESS_NOT_FOUND };
}

export type DeleteAddressResult = { status: 'deleted'; address: SavedAddress } | { status: 'not-found'; message: string };

/** A hard delete: nothing references the row (decision 047); deleting it twice is "not found". */
export async function deleteAddress(customerId: number, addressId: unknown, db: Database = getDb()): Promise<DeleteAddressResult> {
  const id = addressIdSchema.safeParse(addressId);
  if (!id.success) return { status: 'not-found', message: ADDRESS_NOT_FOUND };
  const [row] = await db
    .delete(customerAddresses)
    .where(and(eq(customerAddresses.id, id.data), eq(customerAddresses.customerId, customerId)))
    .returning(addressColumns);
  return row ? { status: 'deleted', address: row } : { status: 'not-found', message: ADDRESS_NOT_FOUND };
}
