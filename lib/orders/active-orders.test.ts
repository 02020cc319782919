import { describe, expect, it } from 'vitest';

import { activeOrdersDiffer } from './active-orders';

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
