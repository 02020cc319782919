import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { menuOf } from '@/tests/support/menus';

import { RestaurantCard } from './restaurant-card';

const card = (isOpen: boolean) =>
  renderToStaticMarkup(
    createElement(RestaurantCard, { restaurant: { ...menuOf('card-test', [], { isOpen, deliveryMinutes: 35 }).restaurant }, citySlug: 'bengaluru' }),
  );

describe('a restaurant card on the city page and in search', () => {
  it('shows the delivery time of an open restaurant', () => {
    expect(card(true)).toMatch(/data-testid="card-delivery"[^>]*>35 mins</);
  });

  it('promises no delivery time for a closed one, and says it is closed in its place', () => {
    const html = card(false);
    expect(html).not.toContain('35 mins');
    expect(html).toMatch(/data-testid="card-delivery"[^>]*>Closed now</);
  });
});
