import { afterEach, describe, expect, it, vi } from 'vitest';

import { askCartCount, cartCount, cartLines, quantityInCart, showCartCount, showCartLineQuantity, showCartLinesOf } from './cart-count';

/** A fetch whose answer arrives when the test says so. */
function heldFetch() {
  let answer: (items: number) => void = () => {};
  const fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = (items) => resolve(Response.json({ items })))));
  return { fetch, answer: (items: number) => answer(items) };
}

describe("the header's cart count", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    showCartCount(null);
  });

  it("shows the header's own answer", async () => {
    const held = heldFetch();
    vi.stubGlobal('fetch', held.fetch);
    const asked = askCartCount();
    held.answer(2);
    await asked;
    expect(cartCount()).toBe(2);
  });

  // Review 2: an ADD on a city search's dish shows the count its answer carries; the header's request,
  // sent at load (or when the tab came back) and answered after it, then put the older count back.
  it('keeps a count an ADD showed while its request was on its way', async () => {
    const held = heldFetch();
    vi.stubGlobal('fetch', held.fetch);
    const asked = askCartCount();
    showCartCount(3);
    held.answer(2);
    await asked;
    expect(cartCount()).toBe(3);
  });

  // Customer walk: a city search's dishes started at ADD though the cart held them, and a tap made 2.
  it("knows the cart's lines from the same answer, for a search's dishes to show their − / +", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ items: 3, restaurant: 'dosa-point', lines: [{ itemId: 7, quantity: 2 }, { itemId: 9, quantity: 1 }] })));
    await askCartCount();
    expect(quantityInCart(cartLines(), 'dosa-point', 7)).toBe(2);
    expect(quantityInCart(cartLines(), 'dosa-point', 8)).toBe(0);
    // Item ids are the cart's restaurant's only.
    expect(quantityInCart(cartLines(), 'biryani-house', 7)).toBe(0);
    // An ADD's answer replaces them: a new cart elsewhere, or more of the same.
    showCartLinesOf('biryani-house', { lines: [{ itemId: 21, quantity: 1 }], elsewhere: null });
    expect(quantityInCart(cartLines(), 'dosa-point', 7)).toBe(0);
    expect(quantityInCart(cartLines(), 'biryani-house', 21)).toBe(1);
    // An answer for another restaurant whose cart is elsewhere says nothing about that cart.
    showCartLinesOf('dosa-point', { lines: [], elsewhere: { name: 'Biryani House', href: '/x/biryani-house', items: 1 } });
    expect(quantityInCart(cartLines(), 'biryani-house', 21)).toBe(1);
    // An ADD answered with its quantity only keeps the rest of that restaurant's lines.
    showCartLineQuantity('biryani-house', 22, 2);
    expect(quantityInCart(cartLines(), 'biryani-house', 21)).toBe(1);
    expect(quantityInCart(cartLines(), 'biryani-house', 22)).toBe(2);
    // The last − empties it.
    showCartLinesOf('biryani-house', { lines: [], elsewhere: null });
    expect(quantityInCart(cartLines(), 'biryani-house', 21)).toBe(0);
    // No hint (signed out, no cart): nothing known.
    showCartCount(null);
    expect(cartLines()).toBeNull();
  });

  it('an answer without lines (an older server) leaves them unknown, never a wrong quantity', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ items: 2 })));
    await askCartCount();
    expect(cartCount()).toBe(2);
    expect(cartLines()).toBeNull();
  });
});
