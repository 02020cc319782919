import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { Cart } from '@/lib/cart/cart';
import { computeBill } from '@/lib/orders/bill';
import type { Quote } from '@/lib/orders/quote';

// No session cookie: signed out, with the guest cart below.
vi.mock('@/lib/auth/cookie-session', () => ({ lookUpSessionCookie: async () => ({ status: 'signed-out' }) }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirected to ${to}`);
  },
}));
const state = vi.hoisted(() => ({ guest: null as string | null, cart: null as Cart | Error | null, added: new Map<number, number>() }));
vi.mock('@/lib/cart/guest', () => ({ currentGuest: async () => state.guest }));
vi.mock('@/lib/cart/cart', () => ({
  readCart: async () => {
    if (state.cart instanceof Error) throw state.cart;
    return state.cart;
  },
}));
vi.mock('@/lib/cart/prices', () => ({ readAddedPrices: async () => state.added }));
const restaurant = { id: 1, slug: 'tehzeeb', name: 'Tehzeeb Dum Biryani', citySlug: 'bengaluru', cityName: 'Bengaluru', deliveryMinutes: 30 };
vi.mock('@/lib/orders/quote', () => ({
  quoteCart: async (): Promise<Quote> => ({
    status: 'ok',
    restaurant,
    lines: [{ menuItemId: 7, name: 'Chicken Dum Biryani', pricePaise: 40_900, quantity: 2, position: 0 }],
    bill: computeBill({ itemTotalPaise: 81_800, deliveryFeePaise: 1_900, packagingFeePaise: 1_500, offer: null }),
  }),
}));

const render = async () => renderToStaticMarkup(await (await import('@/app/checkout/page')).default({ searchParams: Promise.resolve({}) }));

describe('/checkout signed out', () => {
  beforeEach(() => {
    state.guest = 'gguest-id';
    state.cart = { restaurant: 'tehzeeb', items: [{ itemId: 7, quantity: 2 }] };
    state.added = new Map();
  });

  it('says a price changed since the dish was added, above the cart; nothing when it is the same', async () => {
    state.added = new Map([[7, 38_900]]);
    const html = await render();
    expect(html).toContain('data-testid="price-changes"');
    expect(html.replace(/<[^>]+>/g, '')).toContain('Chicken Dum Biryani: ₹389 now ₹409');
    state.added = new Map([[7, 40_900]]);
    expect(await render()).not.toContain('data-testid="price-changes"');
  });

  // Product review: the header's Cart sent a guest with a cart to the sign-in page.
  it('with a guest cart: the cart, its bill and "Sign in to place your order", not a redirect to sign in', async () => {
    const html = await render();
    expect(html).toContain('Chicken Dum Biryani');
    expect(html).toContain('data-testid="checkout-bill"');
    expect(html).toContain('₹893.65');
    expect(html).toMatch(/href="\/login\?next=%2Fcheckout"[^>]*>Sign in to place your order</);
    expect(html).toMatch(/href="\/bengaluru\/tehzeeb"[^>]*>Back to the menu of Tehzeeb Dum Biryani</);
    expect(html).not.toContain('Place order');
  });

  it('a guest cart Redis can’t read: says so with try again (a 200), neither the sign-in page nor an empty cart', async () => {
    state.cart = new Error('connection refused');
    const html = await render();
    expect(html).toContain('data-testid="cart-unavailable"');
    expect(html).toContain('can&#x27;t be loaded just now');
    expect(html).toMatch(/href="\/checkout"[^>]*>try again</);
    expect(html).not.toContain('Your cart is empty');
  });

  it('with no guest cart: the empty cart, as before', async () => {
    state.guest = null;
    expect(await render()).toContain('Your cart is empty');
  });
});
