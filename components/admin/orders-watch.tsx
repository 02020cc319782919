'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';

import { changeToAnnounce, shownListKey, type OrdersSeen, type OrderState } from '@/lib/orders/orders-change';

import { OrdersChangeNotice } from './orders-change-notice';

/** Four asks a minute per open admin tab: one session read and one indexed read of 30 rows each. */
export const ORDERS_WATCH_INTERVAL_MS = 15_000;

/**
 * Asks for the restaurant's latest orders (GET /api/admin/restaurants/<slug>/orders) while the tab is
 * visible, and when they differ from the ones the page rendered says so, with a button that renders the
 * page again. Admin walk: a new order, or a step the timer or another tab made, was invisible until the
 * admin reloaded. A notice, not a refresh by itself: the page also holds the menu's forms, and the
 * order rows' own step and cancel answers, which a render the admin did not ask for would move under them.
 */
export function OrdersWatch({ endpoint, shown, intervalMs = ORDERS_WATCH_INTERVAL_MS }: { endpoint: string; shown: readonly OrderState[]; intervalMs?: number }) {
  const router = useRouter();
  const [seen, setSeen] = useState<OrdersSeen | null>(null);
  const [showing, startShowing] = useTransition();
  // The list this page renders now, which each ask is made against (changeToAnnounce).
  const shownKey = shownListKey(shown);
  const shownNow = useRef(shownKey);
  useEffect(() => {
    shownNow.current = shownKey;
  }, [shownKey]);
  useEffect(() => {
    let asking = false;
    let stopped = false;
    const ask = async () => {
      if (asking || stopped || document.visibilityState !== 'visible') return;
      asking = true;
      const askedAgainst = shownNow.current;
      try {
        const response = await fetch(endpoint, { cache: 'no-store' });
        // Signed out: the next page the admin opens says so; asking again would only be refused again.
        if (response.status === 401) stopped = true;
        else if (response.ok) setSeen({ shownKey: askedAgainst, latest: ((await response.json()) as { orders: OrderState[] }).orders });
      } catch {
        // Offline or a moment's trouble: the next ask tries again.
      } finally {
        asking = false;
      }
    };
    const timer = setInterval(ask, intervalMs);
    // Back on the tab: ask at once rather than up to an interval later.
    const onVisible = () => void ask();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [endpoint, intervalMs]);
  const change = changeToAnnounce(shown, seen);
  const show = () =>
    startShowing(() => {
      router.refresh();
      document.getElementById('orders')?.scrollIntoView({ block: 'start' });
    });
  return <OrdersChangeNotice change={change} showing={showing} onShow={show} />;
}
