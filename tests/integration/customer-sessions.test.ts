import { expect, it } from 'vitest';

import { sessionKeys } from '@/lib/auth/keys';
import { createSession, destroyCustomerSessions, destroySession, readSession } from '@/lib/auth/sessions';

import { epochsInMemory } from '../support/customer-epochs';
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
/** The customers' epochs both instances read when Redis has no copy: what their shared Postgres keeps (lib/auth/customer-epoch.ts). */
const epochs = epochsInMemory();

describeAcrossInstances(drivers, 'customer sessions across instances', (pair) => {
  it('a customer session created on one instance is active on the other, as a customer', async () => {
    const id = (await createSession(CUSTOMER, { store: pair.first, ttlMs: TTL, epochs }))!;
    expect(await readSession(id, { store: pair.second, ttlMs: TTL, epochs })).toMatchObject({ status: 'active', session: CUSTOMER });
  });

  it('signing out on either instance is seen on the other', async () => {
    for (const [signOutVia, checkVia] of [
      [pair.first, pair.second],
      [pair.second, pair.first],
    ] as const) {
      const id = (await createSession(CUSTOMER, { store: checkVia, ttlMs: TTL, epochs }))!;
      expect((await readSession(id, { store: signOutVia, ttlMs: TTL, epochs })).status).toBe('active');
      expect(await destroySession(id, { store: signOutVia, epochs })).toBe(true);
      expect(await readSession(id, { store: checkVia, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
    }
  });
});

describeAcrossInstances(drivers, 'customer sign-out everywhere', (pair) => {
  it('ends every session of that customer on both instances, and nobody else’s', async () => {
    const customer = { ...CUSTOMER, customerId: 4242 };
    const other = { ...CUSTOMER, customerId: 4243 };
    const phone = (await createSession(customer, { store: pair.first, ttlMs: TTL, epochs }))!;
    const laptop = (await createSession(customer, { store: pair.second, ttlMs: TTL, epochs }))!;
    const someoneElse = (await createSession(other, { store: pair.first, ttlMs: TTL, epochs }))!;
    expect((await readSession(laptop, { store: pair.first, ttlMs: TTL, epochs })).status).toBe('active');

    expect(await destroyCustomerSessions(customer.customerId, { store: pair.second, epochs })).toBe(true);

    for (const store of [pair.first, pair.second]) {
      expect(await readSession(phone, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
      expect(await readSession(laptop, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
      expect((await readSession(someoneElse, { store, ttlMs: TTL, epochs })).status).toBe('active');
    }
    // A sign-in after it is a session like any other, and the next "every device" ends it too.
    const again = (await createSession(customer, { store: pair.first, ttlMs: TTL, epochs }))!;
    expect((await readSession(again, { store: pair.second, ttlMs: TTL, epochs })).status).toBe('active');
    expect(await destroyCustomerSessions(customer.customerId, { store: pair.first, epochs })).toBe(true);
    expect(await readSession(again, { store: pair.second, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
    await destroySession(someoneElse, { store: pair.first, epochs });
  });
});

describeAcrossInstances(drivers, 'customer session epoch', (pair) => {
  it('a lost copy of the epoch (evicted) ends no session: either instance copies it again from Postgres, and the button still ends them all', async () => {
    const customer = { ...CUSTOMER, customerId: 4244 };
    const phone = (await createSession(customer, { store: pair.first, ttlMs: TTL, epochs }))!;
    const laptop = (await createSession(customer, { store: pair.second, ttlMs: TTL, epochs }))!;
    await pair.second.del([sessionKeys.customerEpoch(customer.customerId)]);
    for (const store of [pair.first, pair.second]) {
      expect((await readSession(phone, { store, ttlMs: TTL, epochs })).status).toBe('active');
      expect((await readSession(laptop, { store, ttlMs: TTL, epochs })).status).toBe('active');
    }
    expect(await pair.first.get(sessionKeys.customerEpoch(customer.customerId))).toBe(epochs.kept.get(customer.customerId));
    expect(await destroyCustomerSessions(customer.customerId, { store: pair.first, epochs })).toBe(true);
    await pair.first.del([sessionKeys.customerEpoch(customer.customerId)]);
    for (const store of [pair.second, pair.first]) expect(await readSession(laptop, { store, ttlMs: TTL, epochs })).toEqual({ status: 'none' });
  });
});
