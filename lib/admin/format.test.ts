import { describe, expect, it } from 'vitest';

import { actionLabel, describeAuditChanges, describeChanges, formatKeySize, formatTtl, priceInputValue } from './format';

describe('admin formatting', () => {
  it('shows paise as the rupees an admin would type', () => {
    expect(priceInputValue(24900)).toBe('249');
    expect(priceInputValue(24950)).toBe('249.50');
    expect(priceInputValue(5)).toBe('0.05');
  });

  it('shows TTLs in the two largest units', () => {
    expect(formatTtl(null)).toBe('no expiry');
    expect(formatTtl(400)).toBe('<1 s');
    expect(formatTtl(59_999)).toBe('59 s');
    expect(formatTtl(272_000)).toBe('4 min 32 s');
    expect(formatTtl(300_000)).toBe('5 min');
    expect(formatTtl(7_500_000)).toBe('2 h 5 min');
    expect(formatTtl(3 * 86_400_000 + 3_600_000 + 1_000)).toBe('3 d 1 h');
  });

  it('names what a size counts for each type', () => {
    expect(formatKeySize('string', 900)).toBe('900 B');
    expect(formatKeySize('string', 2048)).toBe('2.0 KB');
    expect(formatKeySize('hash', 1)).toBe('1 field');
    expect(formatKeySize('list', 3)).toBe('3 items');
    expect(formatKeySize('zset', 2)).toBe('2 members');
  });

  it('describes audited changes', () => {
    const categories = new Map([[7, 'Mains']]);
    expect(
      describeChanges(
        {
          pricePaise: { from: 24900, to: 27950 },
          available: { from: true, to: false },
          cuisines: { from: ['A'], to: ['A', 'B'] },
          categoryId: { from: 7, to: 8 },
          description: { from: '', to: 'Crisp' },
        },
        categories,
      ),
    ).toEqual(['price: ₹249 → ₹279.50', 'available: yes → no', 'cuisines: A → A, B', 'category: Mains → #8', 'description: (empty) → “Crisp”']);
    expect(describeChanges({ name: 'Idli', pricePaise: 6000 })).toEqual(['name: “Idli”', 'price: ₹60']);
    expect(describeChanges({ photoUrl: { from: null, to: `/media/${'ab12cd34'.repeat(4)}.webp` } })).toEqual(['photo: — → #ab12cd34']);
  });

  // Admin walk: an order's step read 'status: “out_for_delivery” → …', the database's words, not the page's.
  it('describes an order step in the words the orders list uses', () => {
    expect(describeAuditChanges('order.step', { status: { from: 'preparing', to: 'out_for_delivery' } })).toEqual(['status: Preparing → Out for delivery']);
    expect(describeAuditChanges('order.cancel', { reason: 'Paneer ran out' })).toEqual(['reason: “Paneer ran out”']);
    expect(describeChanges({ status: { from: 'toString', to: 'open' } })).toEqual(['status: “toString” → “open”']);
  });

  it('sums up a purge in one line, and flags one that never reported back', () => {
    expect(actionLabel('cache.purge')).toBe('Cache purged');
    expect(describeAuditChanges('cache.purge', { finished: true, purged: 3, generationsKept: 3, redisReached: true, complete: true })).toEqual([
      'Purged 3 keys',
      'kept 3 generation keys',
    ]);
    expect(describeAuditChanges('cache.purge', { finished: true, purged: 0, redisReached: false, complete: false })).toEqual([
      'Purged 0 keys',
      'Redis could not be reached for all of it',
      'stopped before the end of the namespace',
    ]);
    expect(describeAuditChanges('cache.purge', { finished: false })).toEqual(['Purge started; it did not report back (see the server log).']);
  });
});
