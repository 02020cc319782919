'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';

/**
 * One question of a poll: skipped while the last one is out or `busy()` (a refresh on its way, a
 * hidden tab, the poller unmounted); `refresh()` when `changed()` says yes and nothing is busy by then
 * (an answer that outlived its page refreshed the page the visitor had moved on to). `changed()` failing
 * (offline, a moment's trouble) is a no: the next tick asks again. Apart from the hook for its tests.
 */
export function pollStep({ changed, refresh, busy }: { changed: () => Promise<boolean>; refresh: () => void; busy: () => boolean }): () => Promise<void> {
  let asking = false;
  return async () => {
    if (asking || busy()) return;
    asking = true;
    try {
      if ((await changed()) && !busy()) refresh();
    } catch {
      // The next tick asks again.
    } finally {
      asking = false;
    }
  };
}

/**
 * Every `intervalMs` while the tab is visible (and `enabled`), asks `changed()` whether what the page
 * shows is out of date (a small JSON read), and renders the page again from the server only when it is:
 * a refresh renders the whole page and blanks the tab's title while Next streams its metadata back.
 * Also at once when the visitor comes back (the tab shown again, the window focused, a Back restore):
 * what changed meanwhile was most likely done in another tab, and they are looking now, not in 10 s.
 * `intervalMs` null asks only then (/account with no order on its way: an order placed in another tab).
 * One refresh at a time: a render slower than the poll (a busy server) is not asked for again meanwhile.
 * The latest `changed` is asked each time, so new props (what the page now shows) restart no timer.
 * The order page's status (order-status-poller.tsx) and /account's active orders (active-orders-poller.tsx).
 */
export function useRefreshWhenChanged(changed: () => Promise<boolean>, intervalMs: number | null, enabled = true): void {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const refreshingNow = useRef(false);
  useEffect(() => {
    refreshingNow.current = refreshing;
  }, [refreshing]);
  const latest = useRef(changed);
  useEffect(() => {
    latest.current = changed;
  }, [changed]);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    const step = pollStep({
      changed: () => latest.current(),
      // Pending until the refreshed page is shown (or the refresh failed): the next polls wait for it.
      refresh: () => startRefresh(() => router.refresh()),
      busy: () => stopped || refreshingNow.current || document.visibilityState !== 'visible',
    });
    const timer = intervalMs === null ? undefined : setInterval(() => void step(), intervalMs);
    // A hidden tab's step asks nothing, so these need no check of their own; one already out is not doubled.
    const onReturn = () => void step();
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) void step();
    };
    document.addEventListener('visibilitychange', onReturn);
    window.addEventListener('focus', onReturn);
    window.addEventListener('pageshow', onShow);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onReturn);
      window.removeEventListener('focus', onReturn);
      window.removeEventListener('pageshow', onShow);
    };
  }, [enabled, intervalMs, router]);
}
