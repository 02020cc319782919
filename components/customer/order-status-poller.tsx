'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';

/**
 * Asks for the order's status (GET /api/orders/<id>/status) every `intervalMs` while the tab is
 * visible, and re-renders the page from the server only when it differs from the one shown (or the
 * answer says the session or the order is gone, for the page to say so). A refresh renders the whole
 * page and blanks the tab's title while Next streams its metadata back; a poll is one small row. One
 * refresh at a time: a render slower than the poll (a busy server) is not asked for again meanwhile.
 */
export function OrderStatusPoller({ orderId, status, done, intervalMs = 2_000 }: { orderId: string; status: string; done: boolean; intervalMs?: number }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const refreshingNow = useRef(false);
  useEffect(() => {
    refreshingNow.current = refreshing;
  }, [refreshing]);
  useEffect(() => {
    if (done) return;
    let asking = false;
    // Pending until the refreshed page is shown (or the refresh failed): the next polls wait for it.
    const refresh = () => startRefresh(() => router.refresh());
    const timer = setInterval(async () => {
      if (asking || refreshingNow.current || document.visibilityState !== 'visible') return;
      asking = true;
      try {
        const response = await fetch(`/api/orders/${encodeURIComponent(orderId)}/status`, { cache: 'no-store' });
        if (response.status === 401 || response.status === 404) refresh();
        else if (response.ok && ((await response.json()) as { status?: string }).status !== status) refresh();
      } catch {
        // Offline or a moment's trouble: the next poll asks again.
      } finally {
        asking = false;
      }
    }, intervalMs);
    return () => clearInterval(timer);
  }, [done, intervalMs, orderId, router, status]);
  return null;
}
