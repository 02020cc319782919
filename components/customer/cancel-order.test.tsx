import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { CancelOrder } from './cancel-order';

const now = new Date('2026-12-06T12:00:00Z');
const render = (expectedBy: Date) =>
  renderToStaticMarkup(createElement(CancelOrder, { action: async () => {}, restaurantName: 'Dosa Corner', expectedBy, now }));

describe('Cancel order', () => {
  it('says until when the order can be cancelled, and asks before it cancels', () => {
    const html = render(new Date(now.getTime() + 60_000));
    // 12:01 UTC is 5:31 pm in India.
    expect(html).toMatch(/You can cancel until Dosa Corner accepts your order, expected by <time dateTime="2026-12-06T12:01:00.000Z">5:31\s?pm<\/time>\./i);
    expect(html).toMatch(/<details[^>]*><summary[^>]*>Cancel order<\/summary><form[^>]*>.*Yes, cancel this order<\/button><\/form><\/details>/);
  });

  it('past the expected time, says it can still be cancelled until the restaurant accepts', () => {
    expect(render(new Date(now.getTime() - 1))).toContain('Dosa Corner hasn’t accepted your order yet: you can cancel until it does.');
  });
});
