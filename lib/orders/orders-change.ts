/** An order as the admin's orders list shows it and its watch compares it: its id and step. */
export interface OrderState {
  id: string;
  status: string;
}

export interface OrdersChange {
  /** Orders in the latest list that the page did not show. */
  newOrders: number;
  /** Orders the page shows whose step is no longer the one shown (a step, a cancel). */
  changed: number;
}

/**
 * What changed between the orders an admin's page rendered and the latest ones (the same newest-first
 * window), or null when nothing did. An order that only dropped off the end of the window is no change.
 */
export function ordersChange(shown: readonly OrderState[], latest: readonly OrderState[]): OrdersChange | null {
  const shownStatus = new Map(shown.map((order) => [order.id, order.status]));
  let newOrders = 0;
  let changed = 0;
  for (const order of latest) {
    const was = shownStatus.get(order.id);
    if (was === undefined) newOrders += 1;
    else if (was !== order.status) changed += 1;
  }
  return newOrders === 0 && changed === 0 ? null : { newOrders, changed };
}

/** What one ask for the latest orders answered, with the rendered list it was asked against (shownListKey). */
export interface OrdersSeen {
  shownKey: string;
  latest: readonly OrderState[];
}

/** The rendered list as a string: an ask made while the page showed another list is not compared with this one. */
export function shownListKey(shown: readonly OrderState[]): string {
  return shown.map((order) => `${order.id}:${order.status}`).join(',');
}

/**
 * The change to announce: none when the last ask was made against another rendering of the list. The
 * admin's own step or cancel (its action revalidates the page) or "Show them" renders a list newer than
 * that ask's answer, which compared with it announced the admin's own step as "1 order moved on" until
 * the next ask (review of 071); the next ask, made against this rendering, says what changed since.
 */
export function changeToAnnounce(shown: readonly OrderState[], seen: OrdersSeen | null): OrdersChange | null {
  return seen && seen.shownKey === shownListKey(shown) ? ordersChange(shown, seen.latest) : null;
}

const orderCount = (count: number) => `${count} new ${count === 1 ? 'order' : 'orders'}`;

/** "2 new orders", "1 order moved on or was cancelled", or both. */
export function describeOrdersChange({ newOrders, changed }: OrdersChange): string {
  const moved = changed === 1 ? 'moved on or was cancelled' : 'moved on or were cancelled';
  if (newOrders === 0) return `${changed} ${changed === 1 ? 'order' : 'orders'} ${moved}`;
  if (changed === 0) return orderCount(newOrders);
  return `${orderCount(newOrders)}, ${changed} ${changed === 1 ? 'other' : 'others'} ${moved}`;
}
