import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { PriceChangeNote } from './price-change-note';

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe("checkout's price-change note", () => {
  it('names each dish with its old and new price, and says the bill has the new ones', () => {
    const html = renderToStaticMarkup(
      createElement(PriceChangeNote, {
        changes: [
          { menuItemId: 1, name: 'Paneer Tikka', wasPaise: 21_900, nowPaise: 24_900 },
          { menuItemId: 3, name: 'Lassi', wasPaise: 9_000, nowPaise: 8_000 },
        ],
      }),
    );
    expect(html).toMatch(/^<div role="status" data-testid="price-changes"/);
    expect(text(html)).toContain('Some prices have changed since you added them:');
    expect(text(html)).toContain('Paneer Tikka: ₹219 now ₹249');
    expect(text(html)).toContain('Lassi: ₹90 now ₹80 (cheaper)');
    expect(text(html)).toContain('The bill below has the new prices: that is what you pay.');
  });

  it('one dish reads in the singular; none shows nothing', () => {
    const one = text(renderToStaticMarkup(createElement(PriceChangeNote, { changes: [{ menuItemId: 1, name: 'Naan', wasPaise: 4_000, nowPaise: 4_500 }] })));
    expect(one).toContain('A price has changed since you added it:');
    expect(one).toContain('The bill below has the new price');
    expect(renderToStaticMarkup(createElement(PriceChangeNote, { changes: [] }))).toBe('');
  });

  it('after a reorder, compares with what the order paid', () => {
    const changes = [{ menuItemId: 1, name: 'Naan', wasPaise: 4_000, nowPaise: 4_500, sinceOrder: true as const }];
    const note = text(renderToStaticMarkup(createElement(PriceChangeNote, { changes })));
    expect(note).toContain('A price has changed since your order:');
    expect(note).toContain('Naan: ₹40 now ₹45');
    expect(note).not.toContain('since you added');
  });

  // Customer walk: a reorder, then a dish from the menu (or `?reordered=` naming another order of the same
  // restaurant) said "since your order" of every dish. Each now says what its old price was.
  it('says which dishes changed since the order and which since they were added, each under its own heading', () => {
    const changes = [
      { menuItemId: 1, name: 'Naan', wasPaise: 4_000, nowPaise: 4_500, sinceOrder: true as const },
      { menuItemId: 2, name: 'Lassi', wasPaise: 9_000, nowPaise: 9_500 },
    ];
    const note = text(renderToStaticMarkup(createElement(PriceChangeNote, { changes })));
    expect(note).toMatch(/A price has changed since your order:Naan: ₹40 now ₹45\s*A price has changed since you added it:Lassi: ₹90 now ₹95/);
    expect(note).toContain('The bill below has the new prices');
  });
});
