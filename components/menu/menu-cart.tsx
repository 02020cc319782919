'use client';

import { AddToCartButton, type AddOutcome } from '@/components/customer/add-to-cart';
import { CartBar } from '@/components/customer/cart-bar';
import { CartPanel } from '@/components/customer/cart-panel';
import type { MenuCart } from '@/lib/menus/types';
import { hasVisitorHint } from '@/lib/page-cache/visitor-hint';

import { useMenuVisitor } from './menu-visitor';

/** The page's cart actions for one restaurant, and where sign-in should return to. */
export interface MenuOrdering {
  add: (itemId: number, replace: boolean) => Promise<AddOutcome>;
  /** The cart as it now is; null when there was none to change or it could not be read back. */
  change: (itemId: number, quantity: number) => Promise<MenuCart | null>;
  path: string;
}

/**
 * A browser with neither a cart nor a session (no visitor hint) gets its guest cart id from a route
 * before its first ADD: the ADD's action then sets no cookie, so Next does not answer it with a page
 * rendered for this visitor (app/api/cart/guest/route.ts). Any other failure is left to the action,
 * which issues the id itself.
 */
async function guestRefused(): Promise<boolean> {
  if (hasVisitorHint(document.cookie)) return false;
  const response = await fetch('/api/cart/guest', { method: 'POST', credentials: 'same-origin' }).catch(() => null);
  return response?.status === 429;
}

/** The page's cart actions, each answer shown: the page's cart is what the server says it now is. */
function useCartActions(ordering: MenuOrdering) {
  const { showCart } = useMenuVisitor();
  return {
    add: async (itemId: number, replace: boolean): Promise<AddOutcome> => {
      if (await guestRefused()) return { status: 'rate-limited' };
      const outcome = await ordering.add(itemId, replace);
      if (outcome.status === 'added') showCart(outcome.cart);
      return outcome;
    },
    change: async (itemId: number, quantity: number) => showCart(await ordering.change(itemId, quantity)),
  };
}

/** A dish's ADD button, or its − / + stepper once this visitor's cart holds it. */
export function MenuAddButton({ itemId, itemName, ordering }: { itemId: number; itemName: string; ordering: MenuOrdering }) {
  const { cart } = useMenuVisitor();
  const { add, change } = useCartActions(ordering);
  return (
    <AddToCartButton
      add={(replace) => add(itemId, replace)}
      change={(quantity) => change(itemId, quantity)}
      quantity={cart.lines.find((line) => line.itemId === itemId)?.quantity ?? 0}
      itemName={itemName}
      loginNext={ordering.path}
    />
  );
}

/** The side cart on desktop. */
export function MenuCartPanel({ orderable, ordering }: { orderable: boolean; ordering: MenuOrdering }) {
  const { cart, loading, retry } = useMenuVisitor();
  const { change } = useCartActions(ordering);
  return <CartPanel lines={cart.lines} change={change} orderable={orderable} elsewhere={cart.elsewhere} loading={loading} retry={retry} />;
}

/** The phone's cart bar, with room kept under the menu so it never covers the last dish. */
export function MenuCartBar() {
  const { cart } = useMenuVisitor();
  const count = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
  if (count === 0) return null;
  return (
    <>
      <div aria-hidden="true" className="h-20 lg:hidden" />
      <CartBar count={count} totalPaise={cart.totalPaise} />
    </>
  );
}
