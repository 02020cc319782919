import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { CustomerLookup } from '@/lib/customers/session';

const lookup = vi.hoisted(() => ({ current: { status: 'signed-out' } as CustomerLookup }));
vi.mock('@/lib/customers/session', () => ({ lookUpCustomer: async () => lookup.current }));
vi.mock('./guest', () => ({ currentGuest: async () => 'gguest-with-a-cart' }));

const { currentCartOwner } = await import('./current');

describe('currentCartOwner', () => {
  beforeEach(() => {
    lookup.current = { status: 'signed-out' };
  });

  it("is the customer's cart when signed in, the guest's when signed out", async () => {
    lookup.current = { status: 'signed-in', customer: { customerId: 42, phone: '919800000042' } };
    expect(await currentCartOwner()).toBe('c42');
    lookup.current = { status: 'signed-out' };
    expect(await currentCartOwner()).toBe('gguest-with-a-cart');
  });

  it('is nobody when the session cannot be read: a signed-in customer is never taken for a guest', async () => {
    lookup.current = { status: 'unavailable' };
    expect(await currentCartOwner()).toBeNull();
  });
});
