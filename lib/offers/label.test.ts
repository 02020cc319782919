import { describe, expect, it } from 'vitest';

import { offerNudge } from './label';

const percent = { kind: 'percent', percent: 20, maxDiscountPaise: 10_000, minOrderPaise: 49_900 } as const;

describe('offerNudge', () => {
  // Customer walkthrough: the menu said "20% OFF up to ₹100 on orders of ₹499 or more"; a ₹476 cart
  // showed no discount and no word on how much more would get it.
  it('says how much more gets the offer while the item total is under its minimum', () => {
    expect(offerNudge(percent, 47_600)).toBe('Add ₹23 more to get 20% OFF up to ₹100');
    expect(offerNudge({ kind: 'flat', flatPaise: 7_500, minOrderPaise: 30_000 }, 29_950)).toBe('Add ₹0.50 more to get ₹75 OFF');
  });

  it('says nothing once the offer applies, with no offer, or with an empty cart', () => {
    expect(offerNudge(percent, 49_900)).toBeNull();
    expect(offerNudge(percent, 60_000)).toBeNull();
    expect(offerNudge(null, 10_000)).toBeNull();
    expect(offerNudge(percent, 0)).toBeNull();
    expect(offerNudge({ ...percent, minOrderPaise: 0 }, 10_000)).toBeNull();
  });
});
