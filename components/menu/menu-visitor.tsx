'use client';

import { createContext, startTransition, use, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';

import type { FavouriteState } from '@/lib/favourites/types';
import type { MenuCart, MenuVisitorParts } from '@/lib/menus/types';
import { hasVisitorHint } from '@/lib/page-cache/visitor-hint';

/** What a menu page shows of one visitor (lib/menus/visitor.ts has the server's side). */
export interface MenuVisitorView {
  cart: MenuCart;
  favourite: FavouriteState | null;
}

interface MenuVisitorContext extends MenuVisitorView {
  /** True while a shared page is still asking for this visitor's own parts. */
  loading: boolean;
  /** The cart a cart action answered with. */
  setCart: (cart: MenuCart) => void;
}

const Context = createContext<MenuVisitorContext | null>(null);

/** The shared page's view with this visitor's parts: their cart, and their heart beside the page's count. */
function withParts(shared: MenuVisitorView, parts: MenuVisitorParts): MenuVisitorView {
  const favourite = shared.favourite && parts.favourite ? { count: shared.favourite.count, favourited: parts.favourite.favourited } : null;
  return { cart: parts.cart, favourite };
}

/** The hint cookie changes with navigations, not while a page is open: nothing to subscribe to. */
const noSubscription = () => () => {};

/**
 * Holds a menu page's per-visitor parts. A page rendered for this visitor (`own`) starts with them.
 * A shared page starts with what every visitor sees (an empty cart, the favourite count) and, when
 * the visitor hint says this browser has a cart or a session, asks GET /api/restaurants/<slug>/visitor
 * after load (docs/decisions/046). Cart actions answer with the new cart, set here; the heart keeps
 * what its own action answers (components/favourites/favourite-toggle.tsx).
 */
export function MenuVisitorProvider({
  slug,
  initial,
  own,
  children,
}: {
  slug: string;
  initial: MenuVisitorView;
  own: boolean;
  children: ReactNode;
}) {
  const [view, setView] = useState(initial);
  const [rendered, setRendered] = useState(initial);
  // Read after hydration (the server can't see it): a page not rendered for this visitor asks when hinted.
  const asks = useSyncExternalStore(noSubscription, () => !own && hasVisitorHint(document.cookie), () => false);
  const [answered, setAnswered] = useState(false);
  // A page rendered for this visitor again (a refresh) brings their parts anew; a shared page's never are.
  if (own && initial !== rendered) {
    setRendered(initial);
    setView(initial);
  }
  // Bumped by every action's answer: a fetch that started before one must not overwrite it.
  const changes = useRef(0);

  useEffect(() => {
    if (!asks) return;
    const controller = new AbortController();
    const startedAt = changes.current;
    fetch(`/api/restaurants/${slug}/visitor`, { credentials: 'same-origin', cache: 'no-store', signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<MenuVisitorParts>) : null))
      .then((answer) => {
        if (answer && changes.current === startedAt) startTransition(() => setView((current) => withParts(current, answer)));
      })
      .catch(() => {})
      .finally(() => {
        if (!controller.signal.aborted) setAnswered(true);
      });
    return () => controller.abort();
  }, [asks, slug]);

  const value: MenuVisitorContext = {
    ...view,
    loading: asks && !answered,
    setCart: (cart) => {
      changes.current += 1;
      startTransition(() => setView((current) => ({ ...current, cart })));
    },
  };
  return <Context value={value}>{children}</Context>;
}

export function useMenuVisitor(): MenuVisitorContext {
  const context = use(Context);
  if (!context) throw new Error('useMenuVisitor needs a MenuVisitorProvider');
  return context;
}
