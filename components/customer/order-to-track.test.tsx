import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { OrderToTrack } from './order-to-track';

const render = (status: 'preparing' | 'delivered' | 'cancelled') =>
  renderToStaticMarkup(createElement(OrderToTrack, { order: { id: 'AbCdEfGhIjKlMnOpQrStUv', status, restaurantName: 'Dosa Corner' } }));

describe('the order an empty cart points to', () => {
  it('says where the order is and links to its page', () => {
    const html = render('preparing');
    expect(html).toContain('Your order from <strong class="font-semibold">Dosa Corner</strong> is being prepared.');
    expect(html).toMatch(/<a[^>]*href="\/orders\/AbCdEfGhIjKlMnOpQrStUv"[^>]*>Track it<\/a>/);
    expect(render('delivered')).toMatch(/was delivered\..*>View order<\/a>/);
    expect(render('cancelled')).toMatch(/was cancelled\..*>View order<\/a>/);
  });
});
