'use client';

import { useRefreshWhenChanged } from '@/components/ui/use-refresh-when-changed';
import { activeOrdersDiffer } from '@/lib/orders/active-orders';
import type { OrderState } from '@/lib/orders/orders-change';

/**
 * /account's one poll for all its active orders (GET /api/orders/active) every `intervalMs` while the
 * tab is visible: the page renders again only when they differ from the ones shown (a step, a delivery,
 * a cancel, a new order) or the session is gone (the loop: components/ui/use-refresh-when-changed.ts).
 * Review: a poller per order (order-status-poller.tsx) was 6 requests a minute for each, each nudging
 * the queue; this is 6 a minute for all of them. Any other answer (503 while Redis or Postgres is down,
 * offline) keeps what is shown, and asks again.
 * `orders` null: /account could not read them when it rendered (a fault) and says so; the first answer
 * with them renders it again, so the page heals by itself rather than waiting for a reload (decision 076's
 * amendment; it was mounted only while the page showed active orders).
 */
export function ActiveOrdersPoller({ orders, intervalMs }: { orders: readonly OrderState[] | null; intervalMs: number }) {
  useRefreshWhenChanged(async () => {
    const response = await fetch('/api/orders/active', { cache: 'no-store' });
    if (response.status === 401) return true;
    if (!response.ok) return false;
    return orders === null || activeOrdersDiffer(orders, ((await response.json()) as { orders: OrderState[] }).orders);
  }, intervalMs);
  return null;
}
