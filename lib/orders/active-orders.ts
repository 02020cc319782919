import type { OrderState } from './orders-change';

/** How often /account asks for its active orders' statuses (one request for all of them). */
export const ACCOUNT_STATUS_POLL_MS = 10_000;

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

/** The longest /account waits between renders that still could not read its orders (healRetryMs). */
export const HEAL_RETRY_MAX_MS = 5 * 60_000;

/**
 * How long /account, drawn without its orders (a fault), waits after its `refreshes`-th render for them
 * before asking for another: twice the poll, then twice that, up to five minutes. Review: while the API
 * answered but the page's own read still failed, the page rendered again every 10 s for as long as that
 * lasted, each a whole render with its title blanked.
 */
export function healRetryMs(refreshes: number, intervalMs: number): number {
  return Math.min(intervalMs * 2 ** Math.max(refreshes, 0), HEAL_RETRY_MAX_MS);
}
