import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { CartPanel, type CartLine } from './cart-panel';

const render = (lines: CartLine[]) =>
  renderToStaticMarkup(createElement(CartPanel, { lines, change: async () => true, orderable: true, checkoutHref: null }));

describe("checkout's cart panel", () => {
  // Customer walkthrough: a dish taken off the menu while in the cart kept its + at checkout, which
  // added more of a dish checkout refused; clearing three portions took three presses of −.
  it('offers only Remove for a dish that can no longer be ordered, and − / + for the others', () => {
    const html = render([
      { itemId: 1, name: 'Butter Chicken', pricePaise: 49_900, quantity: 1 },
      { itemId: 2, name: 'Dal Tadka (not available)', pricePaise: 27_900, quantity: 3, unavailable: true },
    ]);
    expect(html).toMatch(/<button type="button" data-testid="cart-line-remove"[^>]*>Remove<span class="sr-only"> Dal Tadka \(not available\)<\/span><\/button>/);
    expect(html).not.toContain('Add one more Dal Tadka');
    expect(html).not.toContain('Remove one Dal Tadka');
    expect(html).toContain('Add one more Butter Chicken');
    expect(html).toContain('Remove one Butter Chicken');
    expect(html.match(/data-testid="cart-line-remove"/g)).toHaveLength(1);
  });

  it("on the menu, says how much more gets the restaurant's offer while the cart is under its minimum", () => {
    const offer = { kind: 'percent', percent: 20, maxDiscountPaise: 10_000, minOrderPaise: 49_900 } as const;
    const menuCart = (quantity: number) =>
      renderToStaticMarkup(
        createElement(CartPanel, {
          lines: [{ itemId: 3, name: 'Gulab Jamun (2 Pcs)', pricePaise: 11_900, quantity }],
          change: async () => true,
          orderable: true,
          pricing: { deliveryFeePaise: 1_900, packagingFeePaise: 1_500, offer },
        }),
      );
    expect(menuCart(4)).toMatch(/data-testid="offer-nudge"[^>]*>Add ₹23 more to get 20% OFF up to ₹100<\/p>/);
    // ₹595: the offer applies, and the bill shows it instead.
    expect(menuCart(5)).not.toContain('offer-nudge');
    expect(menuCart(5)).toContain('data-testid="bill-discount"');
  });
});
