import { afterEach, describe, expect, it, vi } from 'vitest';

import { askCartCount, cartCount, showCartCount } from './cart-count';

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
});
