import type { OrderState } from './orders-change';

/**
 * Whether /account's active orders (those it rendered) differ from the latest answer of its poll
 * (GET /api/orders/active): an order moved on, was delivered or cancelled (it leaves the answer), or
 * a new one was placed (it joins it). Order does not matter; any difference renders the page again.
 */
export function activeOrdersDiffer(shown: readonly OrderState[], latest: readonly OrderState[]): boolean {
  if (shown.length !== latest.length) return true;
  const shownStatus = new Map(shown.map((order) => [order.id, order.status]));
  return latest.some((order) => shownStatus.get(order.id) !== order.status);
}
