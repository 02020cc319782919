import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { Cart } from './cart';

const state = vi.hoisted(() => ({ guest: null as string | null, cart: null as Cart | Error | null }));
vi.mock('./guest', () => ({ currentGuest: async () => state.guest }));
vi.mock('./cart', () => ({
  readCart: async () => {
    if (state.cart instanceof Error) throw state.cart;
    return state.cart;
  },
}));

const { readGuestCart } = await import('./guest-cart');

describe('readGuestCart (checkout signed out)', () => {
  beforeEach(() => {
    state.guest = null;
    state.cart = null;
  });

  it('is none without a guest id, or with an empty cart', async () => {
    expect(await readGuestCart()).toEqual({ status: 'none' });
    state.guest = 'gabc';
    state.cart = { restaurant: null, items: [] };
    expect(await readGuestCart()).toEqual({ status: 'none' });
  });

  it('is the cart when it holds dishes', async () => {
    state.guest = 'gabc';
    state.cart = { restaurant: 'meghana-foods', items: [{ itemId: 7, quantity: 2 }] };
    expect(await readGuestCart()).toEqual({ status: 'cart', cart: state.cart, owner: 'gabc' });
  });

  it('is unavailable when Redis can’t read it: the page says so, and neither asks to sign in nor says empty', async () => {
    state.guest = 'gabc';
    state.cart = new Error('connection refused');
    expect(await readGuestCart()).toEqual({ status: 'unavailable' });
  });
});
