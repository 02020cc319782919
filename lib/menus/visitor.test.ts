import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { CartOwner } from '@/lib/cart/keys';
import type { CustomerLookup } from '@/lib/customers/session';

import { menuOf } from '../../tests/support/menus';

const state = vi.hoisted(() => ({
  lookup: { status: 'signed-out' } as CustomerLookup,
  guest: null as CartOwner | null,
  cartReads: 0,
}));
vi.mock('@/lib/customers/session', () => ({
  lookUpCustomer: async () => state.lookup,
  getCustomer: async () => (state.lookup.status === 'signed-in' ? state.lookup.customer : null),
}));
vi.mock('@/lib/cart/guest', () => ({ currentGuest: async () => state.guest }));
vi.mock('@/lib/cart/cart', () => ({
  readCart: async () => {
    state.cartReads += 1;
    return { restaurant: null, items: [] };
  },
}));
vi.mock('@/lib/favourites/menu-state', () => ({
  readOwnFavourite: async (_slug: string, customerId: number | null) => ({ favourited: customerId === null ? null : false }),
  readFavouriteState: async () => null,
}));
vi.mock('./cached', () => ({ getRestaurantMenu: async () => ({ value: null }) }));

const { readVisitorParts } = await import('./visitor');

const menu = menuOf('dosa-point', []);

describe('readVisitorParts (the shared menu page asks it after load)', () => {
  beforeEach(() => {
    state.lookup = { status: 'signed-out' };
    state.guest = null;
    state.cartReads = 0;
  });

  it('is an empty cart for a visitor with neither a session nor a guest cart', async () => {
    expect(await readVisitorParts(menu)).toEqual({ cart: { lines: [], totalPaise: 0, elsewhere: null }, favourite: { favourited: null } });
  });

  it("is the signed-in customer's cart", async () => {
    state.lookup = { status: 'signed-in', customer: { customerId: 42, phone: '919800000042' } };
    expect(await readVisitorParts(menu)).toMatchObject({ favourite: { favourited: false } });
    expect(state.cartReads).toBe(1);
  });

  it("is nothing (the route's 503, the page's 'try again') when the session can't be read, never an empty cart", async () => {
    // Redis away: the signed-in customer's session is unavailable, so whose cart it is can't be known.
    // An empty cart here would tell a customer with a full one that it is gone.
    state.lookup = { status: 'unavailable' };
    expect(await readVisitorParts(menu)).toBeNull();
  });
});
