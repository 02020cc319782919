import { describe, expect, it } from 'vitest';

import { activeOrdersDiffer, HEAL_RETRY_MAX_MS, healRetryMs } from './active-orders';

const shown = [
  { id: 'a', status: 'placed' },
  { id: 'b', status: 'preparing' },
];

describe("/account's one poll for its active orders", () => {
  it('is no change when the same orders are at the same steps, in any order', () => {
    expect(activeOrdersDiffer(shown, [...shown].reverse())).toBe(false);
    expect(activeOrdersDiffer([], [])).toBe(false);
  });

  it('is a change when one moves on, leaves (delivered or cancelled) or a new one comes', () => {
    expect(activeOrdersDiffer(shown, [{ id: 'a', status: 'accepted' }, shown[1]!])).toBe(true);
    expect(activeOrdersDiffer(shown, [shown[0]!])).toBe(true);
    expect(activeOrdersDiffer(shown, [...shown, { id: 'c', status: 'placed' }])).toBe(true);
    expect(activeOrdersDiffer(shown, [shown[0]!, { id: 'c', status: 'preparing' }])).toBe(true);
  });
});

describe('healRetryMs (/account drawn without its orders)', () => {
  it('doubles the wait after each render that still could not read them, up to five minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((refreshes) => healRetryMs(refreshes, 10_000))).toEqual([
      20_000, 40_000, 80_000, 160_000, HEAL_RETRY_MAX_MS, HEAL_RETRY_MAX_MS, HEAL_RETRY_MAX_MS,
    ]);
  });
});
