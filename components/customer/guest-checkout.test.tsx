import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { GuestCheckout } from './guest-checkout';

const render = (bill: string | null) =>
  renderToStaticMarkup(
    createElement(GuestCheckout, {
      cart: createElement('p', null, 'CART'),
      bill: bill === null ? null : createElement('p', null, bill),
      signInHref: '/login?next=%2Fcheckout',
      menu: { name: 'Meghana Foods', href: '/bengaluru/meghana-foods' },
    }),
  );

describe('guest checkout', () => {
  it('shows the cart and the bill, with sign-in (back to checkout) to place the order and the way back to the menu', () => {
    const html = render('BILL');
    expect(html).toContain('<p>CART</p>');
    expect(html).toContain('<p>BILL</p>');
    expect(html).toContain('Bill details');
    // Links, so they work before the JavaScript loads.
    expect(html).toMatch(/<a [^>]*href="\/login\?next=%2Fcheckout"[^>]*>Sign in to place your order<\/a>/);
    expect(html).toMatch(/<a [^>]*href="\/bengaluru\/meghana-foods"[^>]*>Back to the menu of Meghana Foods<\/a>/);
    // On phones: the cart, the bill, then the sign-in.
    expect(html.indexOf('order-1')).toBeLessThan(html.indexOf('CART'));
    expect(html).toMatch(/class="order-2[^"]*"[^>]*>.*BILL/s);
  });

  it('a cart that can’t be ordered as it is: no bill, the sign-in still offered', () => {
    const html = render(null);
    expect(html).not.toContain('Bill details');
    expect(html).toContain('Sign in to place your order');
  });
});
