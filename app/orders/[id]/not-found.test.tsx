import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import OrderNotFound from './not-found';

describe("an order's 404", () => {
  it('speaks of the order and links to the customer’s orders, not to the cities', () => {
    const html = renderToStaticMarkup(createElement(OrderNotFound));
    expect(html).toContain('We can&#x27;t find that order');
    expect(html).toMatch(/<a[^>]*href="\/account"[^>]*>Your orders<\/a>/);
    expect(html).not.toContain('Browse cities');
  });
});
