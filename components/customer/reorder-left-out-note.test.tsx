import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { ReorderLeftOutNote } from './reorder-left-out-note';

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe("checkout's note of the dishes a reorder left out", () => {
  it('names each dish and how many the order had', () => {
    const html = renderToStaticMarkup(
      createElement(ReorderLeftOutNote, { dishes: [{ name: 'Chicken Dum Biryani', quantity: 2 }, { name: 'Lassi', quantity: 1 }] }),
    );
    expect(html).toMatch(/^<div role="status" data-testid="reorder-left-out"/);
    expect(text(html)).toContain('2 dishes from your order are not available now, so they are not in your cart:');
    expect(text(html)).toContain('2 × Chicken Dum Biryani');
    expect(text(html)).toContain('1 × Lassi');
  });

  it('one dish reads in the singular; none shows nothing', () => {
    const one = text(renderToStaticMarkup(createElement(ReorderLeftOutNote, { dishes: [{ name: 'Naan', quantity: 3 }] })));
    expect(one).toContain('One dish from your order is not available now, so it is not in your cart:3 × Naan');
    expect(renderToStaticMarkup(createElement(ReorderLeftOutNote, { dishes: [] }))).toBe('');
  });
});
