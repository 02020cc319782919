'use client';

import { useEffect, useRef, useState } from 'react';

import { AddToCartButton, type AddOutcome } from '@/components/customer/add-to-cart';
import { CartBar } from '@/components/customer/cart-bar';
import { CartPanel, type CartPricing } from '@/components/customer/cart-panel';
import { CartSheet } from '@/components/customer/cart-sheet';
import type { MenuCart } from '@/lib/menus/types';
import { hasVisitorHint } from '@/lib/page-cache/visitor-hint';

import { dishAnchor } from './dish-anchor';

import { useMenuVisitor } from './menu-visitor';

/** The page's cart actions for one restaurant, and where sign-in should return to. */
export interface MenuOrdering {
  add: (itemId: number, replace: boolean) => Promise<AddOutcome>;
  /** The cart as it now is; null when there was none to change or it could not be read back. */
  change: (itemId: number, quantity: number) => Promise<MenuCart | null>;
  path: string;
}

/**
 * What a guest id request came to. A refusal by the proxy (this connection's request budget) says when
 * to try again; the route's own (this network has started its share of guest carts this hour) does
 * not, and signing in is the way on.
 */
type GuestAnswer = { status: 'issued' } | { status: 'refused'; outcome: AddOutcome } | { status: 'failed' };

function guestAnswer(response: Response): GuestAnswer {
  if (response.ok) return { status: 'issued' };
  if (response.status !== 429) return { status: 'failed' };
  const wait = Number(response.headers.get('retry-after'));
  return { status: 'refused', outcome: wait > 0 ? { status: 'slow-down', seconds: wait } : { status: 'rate-limited' } };
}

/** The one guest id request of this page at a time: ADDs tapped together share it (one id, one cart). */
let guestRequest: Promise<GuestAnswer> | null = null;
/** How many guest id requests have succeeded: an ADD told `needs-guest` after one did just adds again. */
let guestsIssued = 0;

/**
 * POST /api/cart/guest, one tab at a time (a Web Lock where the browser has them): the tabs share the
 * browser's cookies, so a second tab's request carries the id the first one's set and keeps it,
 * rather than starting a second cart.
 */
async function requestGuestId(): Promise<Response> {
  // Bounded, so a request stuck on a bad network never holds the other tabs' ADDs for good.
  const request = () => fetch('/api/cart/guest', { method: 'POST', credentials: 'same-origin', signal: AbortSignal.timeout(10_000) });
  return 'locks' in navigator ? await navigator.locks.request('thali:guest-id', request) : await request();
}

/**
 * This browser's guest cart id, from POST /api/cart/guest (app/api/cart/guest/route.ts), never from the
 * ADD's action: an action that sets a cookie is answered with a page rendered for this visitor.
 */
function askForGuest(): Promise<GuestAnswer> {
  guestRequest ??= requestGuestId()
    .then((response) => {
      const answer = guestAnswer(response);
      if (answer.status === 'issued') guestsIssued += 1;
      return answer;
    })
    .catch((): GuestAnswer => ({ status: 'failed' }))
    .finally(() => {
      guestRequest = null;
    });
  return guestRequest;
}

/**
 * An action's answer, or `failed` when the call threw: Next's action client throws on an answer that is
 * not its own (the proxy's refusal page, lib/ratelimit/responses.ts, once the page budget is spent) and
 * on none at all (offline). Thrown inside the button's transition, it would swap the whole menu for the
 * error page.
 */
async function settle<T>(call: () => Promise<T>, failed: T): Promise<T> {
  try {
    return await call();
  } catch {
    return failed;
  }
}

/** The page's cart actions, each answer shown: the page's cart is what the server says it now is. */
function useCartActions(ordering: MenuOrdering) {
  const { showCart } = useMenuVisitor();
  return {
    add: async (itemId: number, replace: boolean): Promise<AddOutcome> => {
      // Without the hint the browser has no guest id (nor a session): get one first, saving a round trip.
      if (!hasVisitorHint(document.cookie)) {
        const answer = await askForGuest();
        if (answer.status === 'refused') return answer.outcome;
      }
      const issuedBefore = guestsIssued;
      const addOnce = () => settle(() => ordering.add(itemId, replace), { status: 'error' } as AddOutcome);
      let outcome = await addOnce();
      // The hint outlived the id (a guest id lasts 12 hours) or the session ended: get one, add again.
      // Actions run one at a time, so ADDs tapped together hear `needs-guest` one after another: those
      // answered after an id arrived use it rather than ask again.
      if (outcome.status === 'needs-guest') {
        const answer: GuestAnswer = guestsIssued === issuedBefore ? await askForGuest() : { status: 'issued' };
        if (answer.status === 'refused') return answer.outcome;
        if (answer.status === 'issued') outcome = await addOnce();
      }
      if (outcome.status === 'added') showCart(outcome.cart);
      return outcome;
    },
    // A change that failed shows the cart as it is (null: the page reads it again), and says so.
    change: async (itemId: number, quantity: number): Promise<boolean> => {
      const cart = await settle(() => ordering.change(itemId, quantity), null);
      showCart(cart);
      return cart !== null;
    },
  };
}

/**
 * A dish's ADD button, or its − / + stepper once this visitor's cart holds it. Not shown without
 * JavaScript (they add through the page's script): the page says why instead (menu-page-body.tsx).
 */
export function MenuAddButton({ itemId, itemName, ordering }: { itemId: number; itemName: string; ordering: MenuOrdering }) {
  const { cart } = useMenuVisitor();
  const { add, change } = useCartActions(ordering);
  return (
    <div className="w-full noscript:hidden">
      <AddToCartButton
        add={(replace) => add(itemId, replace)}
        change={(quantity) => change(itemId, quantity)}
        quantity={cart.lines.find((line) => line.itemId === itemId)?.quantity ?? 0}
        itemName={itemName}
        loginNext={ordering.path}
      />
    </div>
  );
}

/** The side cart on desktop. */
export function MenuCartPanel({
  orderable,
  ordering,
  pricing,
  onEmptied,
}: {
  orderable: boolean;
  ordering: MenuOrdering;
  pricing: CartPricing;
  onEmptied?: (itemId: number) => void;
}) {
  const { cart, loading, retry } = useMenuVisitor();
  const { change } = useCartActions(ordering);
  return (
    <CartPanel
      lines={cart.lines}
      change={change}
      orderable={orderable}
      elsewhere={cart.elsewhere}
      loading={loading}
      retry={retry}
      pricing={pricing}
      onEmptied={onEmptied}
    />
  );
}

/**
 * The phone's cart bar (the page keeps room under it: app/globals.css, body:has([data-cart-bar])), and
 * the cart it opens over the menu (the side cart's content).
 */
export function MenuCartBar({ orderable, ordering, pricing }: { orderable: boolean; ordering: MenuOrdering; pricing: CartPricing }) {
  const { cart, retry } = useMenuVisitor();
  const [open, setOpen] = useState(false);
  const count = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
  // The last dish taken out in the sheet closes it, and the bar goes too: the dialog hands focus back
  // to the bar, gone, so it went to <body>. It goes to that dish's ADD on the menu instead.
  const emptied = useRef<number | null>(null);
  useEffect(() => {
    if (count > 0 || emptied.current === null) return;
    const row = document.getElementById(dishAnchor(emptied.current));
    emptied.current = null;
    [...(row?.querySelectorAll('button') ?? [])].find((button) => button.textContent?.startsWith('ADD'))?.focus();
  }, [count]);
  return (
    <>
      <CartBar count={count} totalPaise={cart.totalPaise} onOpen={() => setOpen(true)} elsewhere={cart.elsewhere} retry={retry} />
      {/* The last dish taken out in the sheet closes it, with the bar. */}
      <CartSheet
        open={open && count > 0}
        onClose={() => {
          setOpen(false);
          if (count > 0) emptied.current = null;
        }}
      >
        <MenuCartPanel
          orderable={orderable}
          ordering={ordering}
          pricing={pricing}
          onEmptied={(itemId) => {
            emptied.current = itemId;
          }}
        />
      </CartSheet>
    </>
  );
}
