'use client';

import { createContext, startTransition, use, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';

import type { MenuCart, MenuVisitor, MenuVisitorParts } from '@/lib/menus/types';
import { useClaimCartCount } from '@/components/layout/header-cart-link';
import { usePageReturn } from '@/components/ui/use-page-return';
import { dishesInMenuCart } from '@/lib/cart/dishes';
import { hasVisitorHint } from '@/lib/page-cache/visitor-hint';

interface MenuVisitorContext extends MenuVisitor {
  /** A shared page is still asking for this visitor's own parts. */
  loading: boolean;
  /** Asking failed (the cart could not be read): try again. Null otherwise. */
  retry: (() => void) | null;
  /** Shows the cart a cart action answered with; null (it could not be read back) asks again. */
  showCart: (cart: MenuCart | null) => void;
}

const Context = createContext<MenuVisitorContext | null>(null);

/** The shared page's view with this visitor's parts: their cart, and their heart beside the page's count. */
function withParts(shown: MenuVisitor, parts: MenuVisitorParts): MenuVisitor {
  const favourite = shown.favourite && parts.favourite ? { count: shown.favourite.count, favourited: parts.favourite.favourited } : null;
  return { cart: parts.cart, favourite };
}

/** Read on every render; a first ADD sets the hint while the page is open (no event says so). */
const noSubscription = () => () => {};
const readHint = () => hasVisitorHint(document.cookie);
const noHintOnServer = () => false;

/**
 * Holds a menu page's per-visitor parts. A page rendered for this visitor (`own`) starts with them.
 * A shared page starts with what every visitor sees (an empty cart, the favourite count) and, when
 * the visitor hint says this browser has a cart or a session, asks GET /api/restaurants/<slug>/visitor
 * after load (docs/decisions/046); again when the browser restores the page from its back/forward
 * cache or the tab comes back to the front (another tab may have changed the cart), and on retry.
 * Cart actions answer with the new cart, shown here; an answer that came while a request was out wins
 * over that request's. The heart keeps what its own action answers
 * (components/favourites/favourite-toggle.tsx).
 */
export function MenuVisitorProvider({ slug, initial, own, children }: { slug: string; initial: MenuVisitor; own: boolean; children: ReactNode }) {
  const [view, setView] = useState(initial);
  const hinted = useSyncExternalStore(noSubscription, readHint, noHintOnServer);
  // Each ask has a number; the first (0) is the page's own, later ones a restore, a return or a retry.
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<{ attempt: number; ok: boolean } | null>(null);
  // Bumped by every cart the page shows from an action: an ask begun before one must not overwrite it.
  const shownCarts = useRef(0);
  // Whether the page shows this visitor's own parts yet (an answer, an action's cart, or a page rendered
  // for them): until then it says it is loading, or offers to try again; after, a later ask that fails
  // leaves what it shows.
  const [known, setKnown] = useState(own);
  // Whether this attempt asks: a later one on any page with something to show, the first on a shared page.
  const asks = attempt > 0 ? own || hinted : !own && hinted;

  useEffect(() => {
    // The page's own ask only when nothing has been shown since (a first ADD sets the hint as it answers).
    if (!asks || (attempt === 0 && shownCarts.current > 0)) return;
    const controller = new AbortController();
    const startedAt = shownCarts.current;
    const settle = (ok: boolean) => startTransition(() => setSettled({ attempt, ok }));
    fetch(`/api/restaurants/${slug}/visitor`, { credentials: 'same-origin', cache: 'no-store', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) return settle(false);
        const parts = (await response.json()) as MenuVisitorParts;
        if (shownCarts.current === startedAt)
          startTransition(() => {
            setView((shown) => withParts(shown, parts));
            setKnown(true);
          });
        settle(true);
      })
      .catch(() => {
        if (!controller.signal.aborted) settle(false);
      });
    return () => controller.abort();
  }, [asks, attempt, slug]);

  const askAgain = useCallback(() => setAttempt((count) => count + 1), []);

  // A page restored from the back/forward cache shows the cart as it was when the visitor left, and a
  // tab coming back to the front may have been left while another tab changed the cart. Without the
  // hint now (signed out, cookies cleared), nothing of a visitor's may stay: back to the shared view.
  usePageReturn(
    useCallback(() => {
      if (own || hasVisitorHint(document.cookie)) return askAgain();
      shownCarts.current += 1;
      setView(initial);
      setKnown(false);
    }, [own, initial, askAgain]),
  );

  const showCart = useCallback(
    (cart: MenuCart | null) => {
      if (cart === null) return askAgain();
      shownCarts.current += 1;
      startTransition(() => {
        setKnown(true);
        setView((shown) => ({ ...shown, cart }));
      });
    },
    [askAgain],
  );

  // The header's Cart count: this page reads the cart, so the header asks nothing while it is on screen.
  useClaimCartCount(known ? dishesInMenuCart(view.cart) : null);

  // A first ask the effect skipped (a cart was shown already) leaves `known` true, so no loading shows.
  const asking = asks && (settled === null || settled.attempt < attempt);
  const failed = !asking && settled?.ok === false;
  const value = useMemo<MenuVisitorContext>(
    () => ({ ...view, loading: asking && !known, retry: failed && !known ? askAgain : null, showCart }),
    [view, asking, failed, known, askAgain, showCart],
  );
  return <Context value={value}>{children}</Context>;
}

export function useMenuVisitor(): MenuVisitorContext {
  const context = use(Context);
  if (!context) throw new Error('useMenuVisitor needs a MenuVisitorProvider');
  return context;
}
