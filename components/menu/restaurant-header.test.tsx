import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { menuOf } from '@/tests/support/menus';

import { RestaurantHeader } from './restaurant-header';

const render = (deliveryFeePaise: number) =>
  renderToStaticMarkup(createElement(RestaurantHeader, { restaurant: menuOf('fee-test', [], { deliveryFeePaise }).restaurant }));

describe('the menu page header', () => {
  it('shows the delivery fee beside the delivery time, before checkout adds it to the bill', () => {
    expect(render(3900)).toMatch(/data-testid="menu-delivery-fee"[^>]*>₹39 delivery</);
    expect(render(0)).toMatch(/data-testid="menu-delivery-fee"[^>]*>Free delivery</);
  });

  it('promises no delivery time for a closed restaurant: it says closed there instead', () => {
    const header = (isOpen: boolean) =>
      renderToStaticMarkup(createElement(RestaurantHeader, { restaurant: menuOf('closed-test', [], { isOpen, deliveryMinutes: 35 }).restaurant }));
    expect(header(true)).toMatch(/data-testid="menu-delivery-time"[^>]*>.*35 mins<\/li>/);
    const closed = header(false);
    expect(closed).not.toContain('35 mins');
    expect(closed).toMatch(/data-testid="menu-delivery-time"[^>]*>.*Closed now<\/li>/);
  });

  // Customer walk: a closed restaurant said "Currently closed" and nothing about when to come back.
  it('says when a closed restaurant opens, when its admin said', () => {
    const header = (opensAt: string | null) =>
      renderToStaticMarkup(createElement(RestaurantHeader, { restaurant: menuOf('closed-test', [], { isOpen: false, opensAt }).restaurant }));
    const opens = header('11:00');
    expect(opens).toMatch(/data-testid="menu-delivery-time"[^>]*>.*Opens at 11:00 am<\/li>/);
    expect(opens).toMatch(/data-testid="menu-closed"[^>]*><strong[^>]*>Closed · opens at 11:00 am\.<\/strong>/);
    expect(header(null)).toMatch(/data-testid="menu-closed"[^>]*><strong[^>]*>Currently closed\.<\/strong>/);
  });
});
