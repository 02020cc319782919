import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { CartBar } from './cart-bar';
import { CartSheet } from './cart-sheet';

describe("the phone's cart bar and sheet", () => {
  it('the bar opens the cart over the menu (a dialog), not checkout, which asks a guest to sign in first', () => {
    const html = renderToStaticMarkup(createElement(CartBar, { count: 2, totalPaise: 86_800, onOpen: () => {} }));
    expect(html).toMatch(/^<div[^>]*><button type="button" aria-haspopup="dialog" data-testid="cart-bar"/);
    expect(html).toContain('2 items · ₹868 · View cart');
    expect(html).not.toContain('href=');
    expect(renderToStaticMarkup(createElement(CartBar, { count: 0, totalPaise: 0, onOpen: () => {} }))).toBe('');
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
});
