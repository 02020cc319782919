import { describe, expect, it } from 'vitest';

import { describeOrdersChange, ordersChange } from './orders-change';

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

  it('says so in words an admin reads at a glance', () => {
    expect(describeOrdersChange({ newOrders: 1, changed: 0 })).toBe('1 new order');
    expect(describeOrdersChange({ newOrders: 3, changed: 0 })).toBe('3 new orders');
    expect(describeOrdersChange({ newOrders: 0, changed: 1 })).toBe('1 order moved on or was cancelled');
    expect(describeOrdersChange({ newOrders: 2, changed: 2 })).toBe('2 new orders, 2 others moved on or were cancelled');
  });
});
