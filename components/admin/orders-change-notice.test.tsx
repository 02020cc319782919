import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { OrdersChangeNotice } from './orders-change-notice';

// Admin walk: new orders and steps made elsewhere did not show on the restaurant's page until a reload.
describe("the admin's notice that orders changed", () => {
  it('keeps an empty live region while nothing changed, so the change is announced when it comes', () => {
    const html = renderToStaticMarkup(createElement(OrdersChangeNotice, { change: null, showing: false }));
    expect(html).toMatch(/^<div role="status" aria-live="polite" data-testid="orders-change"[^>]*><\/div>$/);
  });

  it('says what changed, with a button to show it', () => {
    const html = renderToStaticMarkup(createElement(OrdersChangeNotice, { change: { newOrders: 2, changed: 1 }, showing: false }));
    expect(html).toContain('>2 new orders, 1 other moved on or was cancelled<');
    expect(html).toMatch(/<button type="button"[^>]*>Show them<\/button>/);
  });

  it('says it is loading while the page renders again', () => {
    const html = renderToStaticMarkup(createElement(OrdersChangeNotice, { change: { newOrders: 1, changed: 0 }, showing: true }));
    expect(html).toMatch(/<button type="button" disabled=""[^>]*>Loading…<\/button>/);
  });
});
