import { expect, it } from 'vitest';

import { sessionKeys } from '@/lib/auth/keys';
import { createSession, destroyCustomerSessions, destroySession, readSession } from '@/lib/auth/sessions';

import { driversUnderTest } from '../support/redis-drivers';
import { describeAcrossInstances } from '../support/two-instances';

/**
 * Customer sessions live in the same store as admins' (`kind: 'customer'`, beside their epoch): one
 * written through one RedisStore client (a server instance) is active through a second, independent
 * one, and a sign-out through either ends it for both.
 */
const drivers = await driversUnderTest();
const CUSTOMER = { kind: 'customer', customerId: 42, phone: '919876543210' } as const;
const TTL = 60_000;

describeAcrossInstances(drivers, 'customer sessions across instances', (pair) => {
  it('a customer session created on one instance is active on the other, as a customer', async () => {
    const id = (await createSession(CUSTOMER, { store: pair.first, ttlMs: TTL }))!;
    expect(await readSession(id, { store: pair.second, ttlMs: TTL })).toMatchObject({ status: 'active', session: CUSTOMER });
  });

  it('signing out on either instance is seen on the other', async () => {
    for (const [signOutVia, checkVia] of [
      [pair.first, pair.second],
      [pair.second, pair.first],
    ] as const) {
      const id = (await createSession(CUSTOMER, { store: checkVia, ttlMs: TTL }))!;
      expect((await readSession(id, { store: signOutVia, ttlMs: TTL })).status).toBe('active');
      expect(await destroySession(id, { store: signOutVia })).toBe(true);
      expect(await readSession(id, { store: checkVia, ttlMs: TTL })).toEqual({ status: 'none' });
    }
  });
});

describeAcrossInstances(drivers, 'customer sign-out everywhere', (pair) => {
  it('ends every session of that customer on both instances, and nobody else’s', async () => {
    const customer = { ...CUSTOMER, customerId: 4242 };
    const other = { ...CUSTOMER, customerId: 4243 };
    const phone = (await createSession(customer, { store: pair.first, ttlMs: TTL }))!;
    const laptop = (await createSession(customer, { store: pair.second, ttlMs: TTL }))!;
    const someoneElse = (await createSession(other, { store: pair.first, ttlMs: TTL }))!;
    expect((await readSession(laptop, { store: pair.first, ttlMs: TTL })).status).toBe('active');

    expect(await destroyCustomerSessions(customer.customerId, { store: pair.second })).toBe(true);

    for (const store of [pair.first, pair.second]) {
      expect(await readSession(phone, { store, ttlMs: TTL })).toEqual({ status: 'none' });
      expect(await readSession(laptop, { store, ttlMs: TTL })).toEqual({ status: 'none' });
      expect((await readSession(someoneElse, { store, ttlMs: TTL })).status).toBe('active');
    }
    // A sign-in after it is a session like any other, and the next "every device" ends it too.
    const again = (await createSession(customer, { store: pair.first, ttlMs: TTL }))!;
    expect((await readSession(again, { store: pair.second, ttlMs: TTL })).status).toBe('active');
    expect(await destroyCustomerSessions(customer.customerId, { store: pair.first })).toBe(true);
    expect(await readSession(again, { store: pair.second, ttlMs: TTL })).toEqual({ status: 'none' });
    await destroySession(someoneElse, { store: pair.first });
  });
});

describeAcrossInstances(drivers, 'customer session epoch', (pair) => {
  it('a lost epoch (evicted) ends every session of that customer on both instances, and a new sign-in works', async () => {
    const customer = { ...CUSTOMER, customerId: 4244 };
    const phone = (await createSession(customer, { store: pair.first, ttlMs: TTL }))!;
    const laptop = (await createSession(customer, { store: pair.second, ttlMs: TTL }))!;
    await pair.second.del([sessionKeys.customerEpoch(customer.customerId)]);
    for (const store of [pair.first, pair.second]) {
      expect(await readSession(phone, { store, ttlMs: TTL })).toEqual({ status: 'none' });
      expect(await readSession(laptop, { store, ttlMs: TTL })).toEqual({ status: 'none' });
    }
    const again = (await createSession(customer, { store: pair.first, ttlMs: TTL }))!;
    expect((await readSession(again, { store: pair.second, ttlMs: TTL })).status).toBe('active');
    expect(await destroyCustomerSessions(customer.customerId, { store: pair.first })).toBe(true);
  });
});
