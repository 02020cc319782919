import { describe, expect, it } from 'vitest';

import {
  formatAgo,
  formatClockTime,
  formatDayAndTime,
  formatCompactCount,
  formatCostForTwo,
  formatDeliveryFee,
  formatClosed,
  formatDeliveryPromise,
  formatTimeOfDay,
  formatDeliveryTime,
  formatMs,
  formatWait,
  formatRating,
  formatRupees,
  formatViewCount,
  formatWeeklyViews,
  plural,
} from '@/lib/format';

describe('formatRupees', () => {
  it('drops .00 for whole rupees', () => {
    expect(formatRupees(24900)).toBe('₹249');
    expect(formatRupees(100)).toBe('₹1');
    expect(formatRupees(0)).toBe('₹0');
  });

  it('keeps both paise digits otherwise', () => {
    expect(formatRupees(24950)).toBe('₹249.50');
    expect(formatRupees(24905)).toBe('₹249.05');
    expect(formatRupees(1)).toBe('₹0.01');
  });

  it('groups digits the Indian way', () => {
    expect(formatRupees(123456700)).toBe('₹12,34,567');
    expect(formatRupees(12345650)).toBe('₹1,23,456.50');
    expect(formatRupees(100000)).toBe('₹1,000');
  });

  it('rounds stray fractional paise instead of printing them', () => {
    expect(formatRupees(24999.6)).toBe('₹250');
  });
});

describe('small formatters', () => {
  it('formats cost for two from whole rupees', () => {
    expect(formatCostForTwo(400)).toBe('₹400 for two');
    expect(formatCostForTwo(1200)).toBe('₹1,200 for two');
  });

  it('formats the delivery fee, free when there is none', () => {
    expect(formatDeliveryFee(3900)).toBe('₹39 delivery');
    expect(formatDeliveryFee(2450)).toBe('₹24.50 delivery');
    expect(formatDeliveryFee(0)).toBe('Free delivery');
  });

  it('formats delivery time', () => {
    expect(formatDeliveryTime(32)).toBe('32 mins');
    expect(formatDeliveryTime(1)).toBe('1 min');
  });

  it('promises a delivery time only while the restaurant is open', () => {
    expect(formatDeliveryPromise({ isOpen: true, deliveryMinutes: 32 })).toBe('32 mins');
    expect(formatDeliveryPromise({ isOpen: false, deliveryMinutes: 32 })).toBe('Closed now');
  });

  // Customer walk: a closed restaurant said "Closed now" and nothing about when to come back.
  it('says when a closed restaurant opens, when its admin said', () => {
    expect(formatDeliveryPromise({ isOpen: false, deliveryMinutes: 32, opensAt: '11:00' })).toBe('Opens at 11:00 am');
    expect(formatDeliveryPromise({ isOpen: true, deliveryMinutes: 32, opensAt: '11:00' })).toBe('32 mins');
    expect(formatDeliveryPromise({ isOpen: false, deliveryMinutes: 32, opensAt: null })).toBe('Closed now');
    expect(formatClosed('19:30')).toBe('Closed · opens at 7:30 pm');
    expect(formatClosed(undefined)).toBe('Currently closed');
    expect(formatTimeOfDay('07:30')).toBe('7:30 am');
    expect(formatTimeOfDay('00:15')).toBe('12:15 am');
    expect(formatTimeOfDay('12:00')).toBe('12:00 pm');
    expect(formatTimeOfDay('23:59')).toBe('11:59 pm');
    for (const bad of ['24:00', '7:30', '07:60', '', 'noon', ' 07:30']) expect(formatTimeOfDay(bad)).toBeNull();
  });

  it('formats ratings, with New for unrated places', () => {
    expect(formatRating(4.3)).toBe('4.3');
    expect(formatRating(4)).toBe('4.0');
    expect(formatRating(0)).toBe('New');
  });

  it('formats lookup durations', () => {
    expect(formatMs(2.4)).toBe('2 ms');
    expect(formatMs(14.6)).toBe('15 ms');
    expect(formatMs(0.3)).toBe('<1 ms');
    expect(formatMs(Number.NaN)).toBe('? ms');
  });

  it('pluralises', () => {
    expect(plural(1, 'restaurant')).toBe('1 restaurant');
    expect(plural(0, 'restaurant')).toBe('0 restaurants');
    expect(plural(3, 'item')).toBe('3 items');
  });
});

describe('formatCompactCount', () => {
  it('shows small counts as they are', () => {
    expect(formatCompactCount(0)).toBe('0');
    expect(formatCompactCount(7)).toBe('7');
    expect(formatCompactCount(999)).toBe('999');
  });

  it('shows thousands with one decimal below ten, none above', () => {
    expect(formatCompactCount(1_000)).toBe('1k');
    expect(formatCompactCount(1_234)).toBe('1.2k');
    expect(formatCompactCount(2_300)).toBe('2.3k');
    expect(formatCompactCount(9_999)).toBe('9.9k');
    expect(formatCompactCount(12_345)).toBe('12k');
    expect(formatCompactCount(999_999)).toBe('999k');
  });

  it('shows millions and billions the same way', () => {
    expect(formatCompactCount(1_000_000)).toBe('1M');
    expect(formatCompactCount(1_250_000)).toBe('1.2M');
    expect(formatCompactCount(12_900_000)).toBe('12M');
    expect(formatCompactCount(3_400_000_000)).toBe('3.4B');
  });

  it('never rounds up, and ignores fractions and nonsense', () => {
    expect(formatCompactCount(1_299)).toBe('1.2k');
    expect(formatCompactCount(1_099.9)).toBe('1k');
    expect(formatCompactCount(-5)).toBe('0');
    expect(formatCompactCount(Number.NaN)).toBe('0');
  });
});

describe('formatWeeklyViews', () => {
  it('reads naturally at every size', () => {
    expect(formatWeeklyViews(1)).toBe('1 view this week');
    expect(formatWeeklyViews(2)).toBe('2 views this week');
    expect(formatWeeklyViews(1_234)).toBe('1.2k views this week');
  });
});

describe('formatClockTime', () => {
  it('shows the time of day in India', () => {
    expect(formatClockTime(new Date('2026-12-04T14:12:00Z'))).toBe('7:42 pm');
    expect(formatClockTime(new Date('2026-12-04T03:05:00Z'))).toBe('8:35 am');
  });
});

describe('formatViewCount', () => {
  it('says "1 view", never "1 views" (the admin dashboard did)', () => {
    expect(formatViewCount(1)).toBe('1 view');
    expect(formatViewCount(0)).toBe('0 views');
    expect(formatViewCount(2)).toBe('2 views');
    expect(formatViewCount(1_234)).toBe('1.2k views');
  });
});

describe('formatWait', () => {
  it('minutes, rounded up, under two hours; hours from there', () => {
    expect(formatWait(1)).toBe('1 min');
    expect(formatWait(60)).toBe('1 min');
    expect(formatWait(61)).toBe('2 min');
    expect(formatWait(3_600)).toBe('60 min');
    expect(formatWait(7_140)).toBe('119 min');
    expect(formatWait(7_141)).toBe('2 h');
    expect(formatWait(86_400)).toBe('24 h');
  });
});

describe('formatAgo', () => {
  it('says how long ago, coarsely', () => {
    expect(formatAgo(-5_000)).toBe('just now');
    expect(formatAgo(59_999)).toBe('just now');
    expect(formatAgo(2 * 60_000 + 30_000)).toBe('2 min ago');
    expect(formatAgo(3 * 3_600_000 + 59 * 60_000)).toBe('3 h ago');
    expect(formatAgo(24 * 3_600_000)).toBe('1 day ago');
    expect(formatAgo(50 * 3_600_000)).toBe('2 days ago');
  });
});

describe('formatDayAndTime', () => {
  it('says the day and the time in India', () => {
    expect(formatDayAndTime(new Date('2026-12-04T14:12:00Z'))).toBe('4 Dec 2026, 7:42 pm');
    // Past midnight in India is already the next day there.
    expect(formatDayAndTime(new Date('2026-12-04T19:00:00Z'))).toBe('5 Dec 2026, 12:30 am');
  });
});
