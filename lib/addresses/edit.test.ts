import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '@/db/client';
import { customerAddresses, orders, restaurants } from '@/db/schema';
import { customerIdFor } from '@/lib/customers/accounts';
import { createTestPglite } from '@/tests/support/databases';

import { listAddresses, ownAddress, saveAddress } from './addresses';
import { deleteAddress, updateAddress } from './edit';
import { formatAddress } from './schema';

const HOME = { label: 'Home', line1: 'Flat 4B, 12 MG Road', line2: 'Indiranagar', city: 'Bengaluru', pin: '560038' };

/** Ids a script could send instead of one of its addresses: none may reach a row or raise. */
const BAD_IDS: unknown[] = ['abc', '1.5', '1e3', ' 7', '0x10', '-1', '0', '', '99999999999', 2 ** 31, 1.5, -3, null, undefined, {}, ['1']];

describe('editing and deleting saved addresses (PGlite)', () => {
  let database: DatabaseHandle;
  let owner: number;
  let stranger: number;

  beforeAll(async () => {
    database = await createTestPglite();
    owner = await customerIdFor('9876500001', database.db);
    stranger = await customerIdFor('9876500002', database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  async function saved(customerId = owner, input: Record<string, string> = HOME): Promise<number> {
    const result = await saveAddress(customerId, input, database.db);
    if (result.status !== 'saved') throw new Error(`fixture address not saved: ${result.status}`);
    return result.address.id;
  }
  const row = async (id: number) => (await database.db.select().from(customerAddresses).where(eq(customerAddresses.id, id)))[0];

  it('edits the owner’s address with the same validation as adding (PIN spaces removed)', async () => {
    const id = await saved();
    const result = await updateAddress(owner, String(id), { ...HOME, line1: 'Flat 4C, 12 MG Road', pin: '560 038' }, database.db);
    expect(result).toEqual({ status: 'saved', address: { id, ...HOME, line1: 'Flat 4C, 12 MG Road' } });
    expect((await ownAddress(owner, id, database.db))?.line1).toBe('Flat 4C, 12 MG Road');
  });

  it('refuses an edit with a bad PIN or missing fields, with field messages, and changes nothing', async () => {
    const id = await saved();
    for (const pin of ['056003', '56003', '5600381', 'abcdef']) {
      const result = await updateAddress(owner, id, { ...HOME, label: 'Changed', pin }, database.db);
      expect(result.status).toBe('invalid');
      if (result.status === 'invalid') expect(result.fieldErrors.pin?.[0]).toMatch(/6-digit PIN/);
    }
    const empty = await updateAddress(owner, id, {}, database.db);
    expect(empty.status).toBe('invalid');
    if (empty.status === 'invalid') expect(Object.keys(empty.fieldErrors).sort()).toEqual(['city', 'label', 'line1', 'line2', 'pin']);
    const twoLines = await updateAddress(owner, id, { ...HOME, line2: 'Indiranagar\nSecond line' }, database.db);
    expect(twoLines.status).toBe('invalid');
    expect(await row(id)).toMatchObject(HOME);
  });

  it('treats another customer’s address as unknown: no edit, no delete', async () => {
    const id = await saved(owner);
    expect(await updateAddress(stranger, id, { ...HOME, label: 'Mine now' }, database.db)).toMatchObject({ status: 'not-found' });
    expect(await deleteAddress(stranger, id, database.db)).toMatchObject({ status: 'not-found' });
    expect(await row(id)).toMatchObject({ customerId: owner, ...HOME });
    expect(await ownAddress(stranger, id, database.db)).toBeNull();
  });

  it('answers ids that are not ids (text, fractions, huge numbers, missing) as not found, without touching a row', async () => {
    const id = await saved();
    for (const bad of BAD_IDS) {
      expect(await updateAddress(owner, bad, { ...HOME, label: 'Changed' }, database.db)).toMatchObject({ status: 'not-found' });
      expect(await deleteAddress(owner, bad, database.db)).toMatchObject({ status: 'not-found' });
    }
    expect(await row(id)).toMatchObject(HOME);
  });

  it('deletes an address that orders were placed with; the orders keep their copy of it', async () => {
    const customer = await customerIdFor('9876500003', database.db);
    const id = await saved(customer);
    const [restaurant] = await database.db.select({ id: restaurants.id }).from(restaurants).limit(1);
    const text = formatAddress(HOME);
    // What checkout writes: the address as text on the order, no reference to the saved row.
    await database.db.insert(orders).values({ id: 'edit-test-order-1', customerId: customer, restaurantId: restaurant!.id, totalPaise: 50_000, idempotencyKey: 'k1', deliveryAddress: text });

    expect(await updateAddress(customer, id, { ...HOME, line1: 'Somewhere else' }, database.db)).toMatchObject({ status: 'saved' });
    expect(await deleteAddress(customer, id, database.db)).toEqual({ status: 'deleted', address: { id, ...HOME, line1: 'Somewhere else' } });

    const [order] = await database.db.select().from(orders).where(eq(orders.id, 'edit-test-order-1'));
    expect(order?.deliveryAddress).toBe(text);
    expect(await listAddresses(customer, database.db)).toEqual([]);
    // A second delete (another tab, a replayed form) finds nothing and says so.
    expect(await deleteAddress(customer, id, database.db)).toMatchObject({ status: 'not-found' });
  });

  it('frees a place under the cap: a customer with the maximum can delete one and add another', async () => {
    const customer = await customerIdFor('9876500004', database.db);
    const ids: number[] = [];
    for (let n = 0; n < 10; n += 1) ids.push(await saved(customer, { ...HOME, label: `Place ${n}` }));
    expect((await saveAddress(customer, HOME, database.db)).status).toBe('full');
    expect((await deleteAddress(customer, String(ids[3]), database.db)).status).toBe('deleted');
    expect((await saveAddress(customer, { ...HOME, label: 'New' }, database.db)).status).toBe('saved');
  });
});
