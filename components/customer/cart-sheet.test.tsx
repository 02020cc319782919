import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { CartBar } from './cart-bar';
import { CartPanel } from './cart-panel';
import { CartSheet } from './cart-sheet';

describe("the phone's cart bar and sheet", () => {
  it('the bar opens the cart over the menu (a dialog), not checkout, which asks a guest to sign in first', () => {
    const html = renderToStaticMarkup(createElement(CartBar, { count: 2, totalPaise: 86_800, onOpen: () => {} }));
    expect(html).toMatch(/^<div[^>]*><button type="button" aria-haspopup="dialog" data-testid="cart-bar"/);
    expect(html).toContain('2 items · ₹868 · View cart');
    expect(html).not.toContain('href=');
    expect(renderToStaticMarkup(createElement(CartBar, { count: 0, totalPaise: 0, onOpen: () => {} }))).toBe('');
  });

  it("with nothing from this restaurant, says what a desktop's side cart says: a cart held elsewhere, or one that couldn't be read", () => {
    // A phone has no side cart: a customer on a second restaurant's menu saw nothing of the cart they had.
    const elsewhere = renderToStaticMarkup(
      createElement(CartBar, { count: 0, totalPaise: 0, onOpen: () => {}, elsewhere: { name: 'Tehzeeb Dum Biryani', href: '/bengaluru/tehzeeb' } }),
    );
    expect(elsewhere).toContain('data-testid="cart-bar-elsewhere"');
    expect(elsewhere).toContain('href="/bengaluru/tehzeeb"');
    expect(elsewhere).toContain('Tehzeeb Dum Biryani');
    const failed = renderToStaticMarkup(createElement(CartBar, { count: 0, totalPaise: 0, onOpen: () => {}, retry: () => {} }));
    expect(failed).toContain('data-testid="cart-bar-problem"');
    expect(failed).toMatch(/<button type="button"[^>]*>Try again<\/button>/);
    // This restaurant's dishes come first: the bar opens them, as before.
    const own = renderToStaticMarkup(
      createElement(CartBar, { count: 1, totalPaise: 10_000, onOpen: () => {}, elsewhere: { name: 'Other', href: '/x/y' }, retry: () => {} }),
    );
    expect(own).toContain('data-testid="cart-bar"');
    expect(own).not.toContain('Other');
  });

  it('holds the cart only while open, so the page has one cart (and one of its ids) otherwise', () => {
    const cart = createElement('section', { 'data-testid': 'cart' }, 'lines');
    const closed = renderToStaticMarkup(createElement(CartSheet, { open: false, onClose: () => {} }, cart));
    expect(closed).toContain('aria-label="Your cart"');
    expect(closed).not.toContain('data-testid="cart"');
    expect(renderToStaticMarkup(createElement(CartSheet, { open: true, onClose: () => {} }, cart))).toContain('data-testid="cart"');
  });

  it('is never hidden by the viewport while open: a modal dialog hidden by CSS still leaves the page inert', () => {
    // A tablet turned from portrait to landscape (past lg) with the sheet open: no dialog to see or
    // close, and a page that took no tap. Closed, the browser hides the dialog itself.
    const html = renderToStaticMarkup(createElement(CartSheet, { open: true, onClose: () => {} }, 'lines'));
    const classes = /<dialog[^>]*class="([^"]*)"/.exec(html)?.[1]?.split(' ') ?? [];
    expect(classes.length).toBeGreaterThan(0);
    expect(classes.filter((name) => /^(\w+:)*hidden$/.test(name))).toEqual([]);
  });

  it("shows the menu page's cart with the bill checkout will charge: delivery, packaging, GST, offer and total", () => {
    const panel = (pricing: Parameters<typeof CartPanel>[0]['pricing']) =>
      renderToStaticMarkup(
        createElement(CartPanel, {
          lines: [{ itemId: 1, name: 'Masala dosa', pricePaise: 43_400, quantity: 2 }],
          change: async () => true,
          orderable: true,
          pricing,
        }),
      );
    const html = panel({ deliveryFeePaise: 3_900, packagingFeePaise: 2_000, offer: { kind: 'flat', flatPaise: 10_000, minOrderPaise: 0 } });
    // 868 − 100 + 39 + 20 + 5 % GST of (768 + 20) = 39.40: lib/orders/bill.ts's arithmetic, not the panel's.
    expect(html).toMatch(/data-testid="bill-items"><data value="868.00"/);
    expect(html).toMatch(/data-testid="bill-discount"[^>]*>−<data value="100.00"/);
    expect(html).toMatch(/data-testid="bill-delivery"><data value="39.00"/);
    expect(html).toMatch(/data-testid="bill-packaging"><data value="20.00"/);
    expect(html).toMatch(/data-testid="bill-gst"><data value="39.40"/);
    expect(html).toMatch(/data-testid="bill-total"><data value="866.40"/);
    expect(html).not.toContain('added at checkout');
    // Checkout's own cart (no pricing) keeps the item total; its bill is beside it.
    expect(panel(null)).not.toContain('data-testid="bill"');
  });
});
