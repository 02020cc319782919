import { describe, expect, it } from 'vitest';

import { offerHeadline, offerLabel } from '@/lib/offers/label';

import { computeBill, discountFor, gstOn } from './bill';

const percent = { kind: 'percent', percent: 20, maxDiscountPaise: 10_000, minOrderPaise: 19_900 } as const;
const flat = { kind: 'flat', flatPaise: 7_500, minOrderPaise: 29_900 } as const;

describe('bill', () => {
  it('adds item total, delivery, packaging and 5 % GST on the food', () => {
    expect(computeBill({ itemTotalPaise: 86_800, deliveryFeePaise: 2_900, packagingFeePaise: 1_500, offer: null })).toEqual({
      itemTotalPaise: 86_800,
      discountPaise: 0,
      deliveryFeePaise: 2_900,
      packagingFeePaise: 1_500,
      // 5 % of ₹868 + ₹15 = ₹44.15
      gstPaise: 4_415,
      totalPaise: 86_800 + 2_900 + 1_500 + 4_415,
      offerLabel: null,
    });
  });

  it('takes a percentage off, capped, from its minimum order; GST is on the discounted food', () => {
    expect(discountFor(percent, 19_800)).toBe(0);
    expect(discountFor(percent, 20_000)).toBe(4_000);
    expect(discountFor(percent, 86_800)).toBe(10_000);
    const bill = computeBill({ itemTotalPaise: 86_800, deliveryFeePaise: 0, packagingFeePaise: 0, offer: percent });
    expect(bill.discountPaise).toBe(10_000);
    expect(bill.gstPaise).toBe(gstOn(76_800));
    expect(bill.totalPaise).toBe(76_800 + 3_840);
    expect(bill.offerLabel).toBe('20% OFF up to ₹100 on orders of ₹199 or more');
  });

  it('takes a flat amount off, never more than the items', () => {
    expect(discountFor(flat, 29_800)).toBe(0);
    expect(discountFor(flat, 30_000)).toBe(7_500);
    expect(discountFor({ ...flat, minOrderPaise: 0 }, 5_000)).toBe(5_000);
  });

  it('rounds GST half up to the paisa with integer arithmetic', () => {
    expect(gstOn(10)).toBe(1); // 0.5 → 1
    expect(gstOn(9)).toBe(0); // 0.45 → 0
    expect(gstOn(1_000_000_000)).toBe(50_000_000);
  });

  it('labels offers as customers read them', () => {
    expect(offerHeadline(percent)).toBe('20% OFF up to ₹100');
    expect(offerHeadline(flat)).toBe('₹75 OFF');
    expect(offerLabel({ ...flat, minOrderPaise: 0 })).toBe('₹75 OFF');
  });
});
