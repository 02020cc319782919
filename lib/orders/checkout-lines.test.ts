import { describe, expect, it } from 'vitest';

import { checkoutLines } from './checkout-lines';

describe('checkoutLines', () => {
  it('names a dish that can no longer be ordered, so the customer sees which one to remove', () => {
    expect(
      checkoutLines([
        { menuItemId: 1, name: 'Chicken Biryani', pricePaise: 28_900, quantity: 1, available: true },
        { menuItemId: 2, name: 'Paneer Tikka', pricePaise: 24_900, quantity: 2, available: false },
        { menuItemId: 3, name: 'Butter Naan', pricePaise: 4_500, quantity: 3 },
      ]),
    ).toEqual([
      { itemId: 1, name: 'Chicken Biryani', pricePaise: 28_900, quantity: 1 },
      { itemId: 2, name: 'Paneer Tikka (not available)', pricePaise: 24_900, quantity: 2, unavailable: true },
      { itemId: 3, name: 'Butter Naan', pricePaise: 4_500, quantity: 3 },
    ]);
  });
});
