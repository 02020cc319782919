'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';

import { usePageReturn } from '@/components/ui/use-page-return';
import { hasVisitorHint } from '@/lib/page-cache/visitor-hint';

import { askCartCount, cartCount, claimCartCount, pageReadsCart, showCartCount, subscribeCartCount } from './cart-count';

const unknownOnServer = () => null;

/**
 * The header's Cart link, with how many dishes the cart holds once the browser knows. The HTML never
 * has a count (shared pages: docs/decisions/046). A page that reads the cart (a menu page, checkout)
 * shows its count here (./cart-count.ts); on any other page, a browser whose visitor hint says it has
 * a cart or a session asks GET /api/cart/count after load, again after a navigation to another such
 * page, a restore from the back/forward cache and the tab coming back to the front (another tab may
 * have changed the cart). A browser without the hint asks nothing and shows no count.
 */
export function HeaderCartLink() {
  const pathname = usePathname();
  const count = useSyncExternalStore(subscribeCartCount, cartCount, unknownOnServer);
  const [returns, setReturns] = useState(0);

  useEffect(() => {
    if (!hasVisitorHint(document.cookie)) return showCartCount(null);
    if (pageReadsCart()) return;
    const controller = new AbortController();
    void askCartCount(controller.signal);
    return () => controller.abort();
  }, [pathname, returns]);

  usePageReturn(useCallback(() => setReturns((value) => value + 1), []));

  return (
    <Link
      href="/checkout"
      prefetch={false}
      data-testid="header-cart"
      className="inline-flex items-center gap-1.5 rounded-md text-sm font-semibold text-brand-700 hover:underline"
    >
      Cart{' '}
      {count ? (
        <span data-testid="header-cart-count" className="min-w-5 rounded-full bg-brand-700 px-1.5 text-center text-xs leading-5 font-bold text-white tabular-nums">
          {count}
          <span className="sr-only"> {count === 1 ? 'dish' : 'dishes'}</span>
        </span>
      ) : null}
    </Link>
  );
}

/** Renders nothing: tells the header how many dishes the cart this page read holds (checkout). */
export function CartCountFromPage({ items }: { items: number }) {
  useClaimCartCount(items);
  return null;
}

/** A page that reads the cart: claims the header's count while mounted and shows `items` when known (null: not yet). */
export function useClaimCartCount(items: number | null) {
  // A layout effect: it runs before the header's (passive) effect of the same commit, which then asks nothing.
  useLayoutEffect(() => claimCartCount(), []);
  useShowCartCount(items);
}

/**
 * Renders nothing: shows the count a per-customer page read on the server (an order page), without
 * claiming it, so the header still asks after load and when the tab comes back. Null (Redis could not
 * say) shows nothing and leaves the header's own request to find it.
 */
export function CartCountSeen({ items }: { items: number | null }) {
  useShowCartCount(items);
  return null;
}

/**
 * Shows `items` before the browser paints the page: from a passive effect, a client-side navigation
 * first painted the count the page before left (checkout's, after its order emptied the cart).
 */
function useShowCartCount(items: number | null) {
  useLayoutEffect(() => {
    if (items !== null) showCartCount(items);
  }, [items]);
}
