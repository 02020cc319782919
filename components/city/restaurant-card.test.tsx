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

  // Customer walkthrough (375 px): cards whose rating count and time did not fit wrapped the time
  // onto the next line and left "•" dangling after the count, while their neighbours did not.
  it('puts the delivery time on its own line on phones, with no separator there, and beside the rating from sm up', () => {
    const html = card(true);
    const separator = /<span[^>]*data-testid="card-separator"[^>]*>/.exec(html)?.[0] ?? '';
    expect(separator).toMatch(/class="[^"]*\bhidden\b[^"]*\bsm:inline\b/);
    const delivery = /<span[^>]*data-testid="card-delivery"[^>]*>/.exec(html)?.[0] ?? '';
    expect(delivery).toMatch(/class="[^"]*\bbasis-full\b[^"]*\bsm:basis-auto\b/);
  });

  // Customer walk (1280 px, four cards a row): a closed card's "★ 4.2 (6.6k ratings) • Opens at 7:00 pm"
  // did not fit, so "Opens at…" wrapped and left the "•" dangling after the count. It has its own line.
  it('gives a closed one its opening time on a line of its own at every width, with no separator', () => {
    const html = card(false);
    expect(html).not.toContain('data-testid="card-separator"');
    const delivery = /<span[^>]*data-testid="card-delivery"[^>]*>/.exec(html)?.[0] ?? '';
    expect(delivery).toMatch(/class="basis-full"/);
  });
});
