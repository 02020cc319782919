'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';

import { activeOrdersDiffer } from '@/lib/orders/active-orders';
import type { OrderState } from '@/lib/orders/orders-change';

/**
 * /account's one poll for all its active orders (GET /api/orders/active) every `intervalMs` while the
 * tab is visible: the page renders again only when they differ from the ones shown (a step, a delivery,
 * a cancel, a new order) or the session is gone. Review: a poller per order (order-status-poller.tsx)
 * was 6 requests a minute for each, each nudging the queue; this is 6 a minute for all of them. Any
 * other answer (503 while Redis or Postgres is down, offline) keeps what is shown, and asks again.
 */
export function ActiveOrdersPoller({ orders, intervalMs }: { orders: readonly OrderState[]; intervalMs: number }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const refreshingNow = useRef(false);
  useEffect(() => {
    refreshingNow.current = refreshing;
  }, [refreshing]);
  // The orders as a string: a new array of the same orders (each render) restarts no timer.
  const shownKey = orders.map((order) => `${order.id}:${order.status}`).join(',');
  const shown = useRef(orders);
  useEffect(() => {
    shown.current = orders;
  }, [orders]);
  useEffect(() => {
    let asking = false;
    // Pending until the refreshed page is shown (or the refresh failed): the next polls wait for it.
    const refresh = () => startRefresh(() => router.refresh());
    const timer = setInterval(async () => {
      if (asking || refreshingNow.current || document.visibilityState !== 'visible') return;
      asking = true;
      try {
        const response = await fetch('/api/orders/active', { cache: 'no-store' });
        if (response.status === 401) refresh();
        else if (response.ok && activeOrdersDiffer(shown.current, ((await response.json()) as { orders: OrderState[] }).orders)) refresh();
      } catch {
        // Offline or a moment's trouble: the next poll asks again.
      } finally {
        asking = false;
      }
    }, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, router, shownKey]);
  return null;
}
