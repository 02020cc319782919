import { describe, expect, it } from 'vitest';

import { priceChanges } from './price-changes';

describe('priceChanges', () => {
  const lines = [
    { menuItemId: 1, name: 'Paneer Tikka', pricePaise: 24_900 },
    { menuItemId: 2, name: 'Naan', pricePaise: 4_000 },
    { menuItemId: 3, name: 'Lassi', pricePaise: 8_000 },
    { menuItemId: 4, name: 'Gone', pricePaise: 0, available: false },
  ];

  it('lists the dishes whose checkout price differs from the one they were added at, up or down', () => {
    const added = new Map([[1, 21_900], [2, 4_000], [3, 9_000], [4, 5_000]]);
    expect(priceChanges(lines, added)).toEqual([
      { menuItemId: 1, name: 'Paneer Tikka', wasPaise: 21_900, nowPaise: 24_900 },
      { menuItemId: 3, name: 'Lassi', wasPaise: 9_000, nowPaise: 8_000 },
    ]);
  });

  it('says nothing of a dish with no remembered price, nor of one no longer on the menu (checkout asks to remove it)', () => {
    expect(priceChanges(lines, new Map())).toEqual([]);
  });

  // Customer walk: with `?reordered=` naming an order of the same restaurant, dishes added from the menu
  // said "since your order" too. Only a dish whose remembered price is what that order paid says so.
  it('marks a change as since the order only when the price it was is what the reordered order paid', () => {
    const added = new Map([[1, 21_900], [3, 9_000]]);
    const ordered = new Map([[1, 21_900], [3, 8_500]]);
    expect(priceChanges(lines, added, ordered)).toEqual([
      { menuItemId: 1, name: 'Paneer Tikka', wasPaise: 21_900, nowPaise: 24_900, sinceOrder: true },
      { menuItemId: 3, name: 'Lassi', wasPaise: 9_000, nowPaise: 8_000 },
    ]);
  });
});
