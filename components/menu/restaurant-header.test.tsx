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
});
