import { describe, expect, it } from 'vitest';

import { changeToAnnounce, describeOrdersChange, ordersChange, shownListKey } from './orders-change';

const row = (id: string, status: string) => ({ id, status });

// Admin walk: the restaurant's orders list showed what was true when the page loaded; a new order, or
// a step the timer or another tab made, stayed invisible until the admin thought to reload.
describe("what changed in a restaurant's orders since its admin page rendered", () => {
  const shown = [row('b', 'placed'), row('a', 'accepted')];

  it('is nothing when the latest orders are the ones shown, in the same steps', () => {
    expect(ordersChange(shown, [row('b', 'placed'), row('a', 'accepted')])).toBeNull();
  });

  it('counts orders that are new and orders that moved on', () => {
    expect(ordersChange(shown, [row('d', 'placed'), row('c', 'placed'), row('b', 'accepted'), row('a', 'accepted')])).toEqual({ newOrders: 2, changed: 1 });
    expect(ordersChange(shown, [row('b', 'cancelled'), row('a', 'preparing')])).toEqual({ newOrders: 0, changed: 2 });
  });

  it('does not count an order that only dropped off the end of the list', () => {
    expect(ordersChange(shown, [row('c', 'placed'), row('b', 'placed')])).toEqual({ newOrders: 1, changed: 0 });
  });

  // Review of 071: the admin's own step re-rendered the list, and the answer of the ask made before it
  // announced that step as "1 order moved on or was cancelled" until the next ask, 15 s later.
  it('announces only what an ask made against the list shown now saw: the admin’s own step or "Show them" is no change', () => {
    const before = [row('b', 'placed'), row('a', 'accepted')];
    const seen = { shownKey: shownListKey(before), latest: before };
    expect(changeToAnnounce(before, seen)).toBeNull();
    // The admin accepts b on this page: its action renders the list again, newer than that answer.
    const afterOwnStep = [row('b', 'accepted'), row('a', 'accepted')];
    expect(changeToAnnounce(afterOwnStep, seen)).toBeNull();
    // The next ask, made against that rendering, says what changed since.
    const later = [row('c', 'placed'), row('b', 'accepted'), row('a', 'accepted')];
    expect(changeToAnnounce(afterOwnStep, { shownKey: shownListKey(afterOwnStep), latest: later })).toEqual({ newOrders: 1, changed: 0 });
    expect(changeToAnnounce(afterOwnStep, null)).toBeNull();
  });

  it('says so in words an admin reads at a glance', () => {
    expect(describeOrdersChange({ newOrders: 1, changed: 0 })).toBe('1 new order');
    expect(describeOrdersChange({ newOrders: 3, changed: 0 })).toBe('3 new orders');
    expect(describeOrdersChange({ newOrders: 0, changed: 1 })).toBe('1 order moved on or was cancelled');
    expect(describeOrdersChange({ newOrders: 2, changed: 2 })).toBe('2 new orders, 2 others moved on or were cancelled');
  });
});
