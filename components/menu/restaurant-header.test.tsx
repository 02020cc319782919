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
});
