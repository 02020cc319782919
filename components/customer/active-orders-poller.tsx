'use client';

import { useRef } from 'react';

import { useRefreshWhenChanged } from '@/components/ui/use-refresh-when-changed';
import { ACCOUNT_STATUS_POLL_MS, activeOrdersDiffer, healRetryMs } from '@/lib/orders/active-orders';
import type { OrderState } from '@/lib/orders/orders-change';

/**
 * /account's one poll for all its active orders (GET /api/orders/active) every `intervalMs` while the
 * tab is visible, and at once when the visitor comes back to it: the page renders again only when they
 * differ from the ones shown (a step, a delivery, a cancel, a new order) or the session is gone (the
 * loop: components/ui/use-refresh-when-changed.ts). Review: a poller per order (order-status-poller.tsx)
 * was 6 requests a minute for each, each nudging the queue; this is 6 a minute for all of them. Any
 * other answer (503 while Redis or Postgres is down, offline) keeps what is shown, and asks again.
 * `intervalMs` null (no order on its way): asks only when the visitor comes back, so an order placed in
 * another tab shows on returning here, at no cost while the page just sits open.
 * `orders` null: /account could not read them when it rendered (a fault) and says so; an answer with
 * them renders it again, so the page heals by itself rather than waiting for a reload (decision 076's
 * amendment). Each render that still could not read them waits longer for the next (healRetryMs): the
 * API answering does not mean the page's own read will, and a render every 10 s cost the whole page.
 */
export function ActiveOrdersPoller({ orders, intervalMs }: { orders: readonly OrderState[] | null; intervalMs: number | null }) {
  // Kept across the refreshes of a page still unable to read its orders (the same poller, re-rendered).
  const healing = useRef({ refreshes: 0, notBefore: 0 });
  useRefreshWhenChanged(async () => {
    if (orders === null && Date.now() < healing.current.notBefore) return false;
    const response = await fetch('/api/orders/active', { cache: 'no-store' });
    if (response.status === 401) return true;
    if (!response.ok) return false;
    if (orders !== null) return activeOrdersDiffer(orders, ((await response.json()) as { orders: OrderState[] }).orders);
    healing.current.refreshes += 1;
    healing.current.notBefore = Date.now() + healRetryMs(healing.current.refreshes, intervalMs ?? ACCOUNT_STATUS_POLL_MS);
    return true;
  }, intervalMs);
  return null;
}
